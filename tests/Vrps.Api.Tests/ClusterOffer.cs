namespace Vrps.Api.Tests;

/// <summary>A group offer the cluster tests claim on, with its customer (whose events they read) and its lot.</summary>
internal sealed record ClusterOffer(Guid CustomerId, Guid LotId, Guid OfferId, string ShareToken);
