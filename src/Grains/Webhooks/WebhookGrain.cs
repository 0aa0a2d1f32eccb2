using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vrps.Grains.Common;
using Vrps.Interfaces;
using Vrps.Interfaces.Audit;
using Vrps.Interfaces.Events;
using Vrps.Interfaces.Webhooks;
using Vrps.Postgres.Events;
using Vrps.Postgres.Index;
using Vrps.Postgres.Deadlines;

namespace Vrps.Grains.Webhooks;

/// <summary>
/// One webhook: its configuration and the queue of events it owes its receiver. Deliveries go one at a time in
/// sequence order, one attempt per turn of a durable reminder: a retry survives a restart, and a crash mid-attempt only
/// repeats that attempt (receivers de-duplicate by the webhook-id header, which is also the payload's id).
/// </summary>
[GrainType("webhook")]
public sealed class WebhookGrain(
    EventLogReader log,
    IHttpClientFactory httpClients,
    IOptionsMonitor<WebhookOptions> options,
    WebhookTargetGuard targets,
    ILogger<WebhookGrain> logger,
    [PersistentState("webhook")] IPersistentState<WebhookState> storage)
    : EntityGrain<WebhookState>(storage), IWebhookGrain, IDeadlineReceiver
{
    private const string DeliverReminder = "deliver";

    protected override string Kind => WebhookIndexKinds.Webhook;

    private bool IsActive => Exists && State.Status == WebhookStatuses.Active;

    public async Task<WebhookCreated> CreateAsync(CreateWebhook command, Actor actor)
    {
        RequireNew();
        var (url, eventTypes) = WebhookRules.Validate(command.Url, command.EventTypes);
        await targets.EnsureAllowedAsync(new Uri(url));
        Store.State = new WebhookState
        {
            CustomerId = command.CustomerId,
            Url = url,
            EventTypes = eventTypes,
            Secret = WebhookSignature.NewSecret(),
            HandedOverThrough = command.StartAfterSequence,
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        Audit(AuditActions.Created, actor, null, View());
        await SaveAsync();
        await GrainFactory.GetGrain<ITenantWebhooksGrain>(State.CustomerId).WebhookCreatedAsync(Id, State.HandedOverThrough);
        return new WebhookCreated(Id, State.CustomerId, State.Url, State.EventTypes.ToArray(), State.Status, State.Secret, State.CreatedAt);
    }

    public Task<WebhookView> GetAsync()
    {
        RequireExists();
        return Task.FromResult(View());
    }

    public async Task<WebhookView> DisableAsync(Actor actor)
    {
        RequireExists();
        if (State.Status == WebhookStatuses.Active)
        {
            Disable(WebhookStatuses.DisabledByRequest, actor, "The webhook was disabled before this event was delivered.");
            await SaveAsync();
        }

        return View();
    }

    public async Task EnqueueAsync(IReadOnlyList<WebhookEvent> events)
    {
        if (!IsActive)
        {
            return;
        }

        var now = TimeProvider.GetUtcNow();
        var limit = options.CurrentValue.MaxPendingDeliveries;
        var wasIdle = State.Queue.Count == 0;
        var accepted = false;
        foreach (var item in events.OrderBy(static e => e.Sequence))
        {
            if (item.Sequence <= State.HandedOverThrough || !WebhookRules.Matches(State.EventTypes, item.Type))
            {
                continue;
            }

            State.HandedOverThrough = item.Sequence;
            accepted = true;
            var delivery = new QueuedDelivery { Sequence = item.Sequence, Type = item.Type, OccurredAt = item.OccurredAt, CreatedAt = now };
            if (State.Queue.Count >= limit)
            {
                delivery.LastError = $"Not queued: {State.Queue.Count} deliveries were already waiting for the receiver.";
                WebhookLog.QueueFull(logger, Id, State.Queue.Count, item.Sequence);
                SetIndex(DeliveryRow(delivery, WebhookDeliveryStatuses.Failed, now));
                continue;
            }

            State.Queue.Add(delivery);
            SetIndex(DeliveryRow(delivery, WebhookDeliveryStatuses.Pending, null));
        }

        if (!accepted)
        {
            return;
        }

        // A non-empty queue already has its reminder; only the first event into an empty one starts delivering.
        if (wasIdle && State.Queue.Count > 0)
        {
            SetReminder(DeliverReminder, now);
        }

        await SaveAsync();
    }

    public async Task OnDeadlineAsync(string reminderName, DateTimeOffset dueAt)
    {
        if (reminderName != DeliverReminder || !IsActive || State.Queue.Count == 0)
        {
            return;
        }

        // EnqueueAsync may run at the awaits below; it only appends, so this stays the head of the queue.
        var delivery = State.Queue[0];
        var stored = await log.ReadStreamAsync(TenantEvents.Namespace, StreamKeys.Of(State.CustomerId), delivery.Sequence - 1, 1);
        if (stored.Count == 0 || stored[0].Sequence != delivery.Sequence)
        {
            delivery.LastError = "The event is no longer in the event log.";
            var now = TimeProvider.GetUtcNow();
            CompleteHead(delivery, WebhookDeliveryStatuses.Failed, now);
            DeliverNextSoon(now);
            await SaveAsync();
            return;
        }

        var (statusCode, error) = await PostAsync(delivery, stored[0]);
        var attemptedAt = TimeProvider.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = attemptedAt;
        delivery.LastStatusCode = statusCode;
        delivery.LastError = error;
        if (error is null)
        {
            State.ConsecutiveFailures = 0;
            CompleteHead(delivery, WebhookDeliveryStatuses.Delivered, attemptedAt);
            DeliverNextSoon(attemptedAt);
        }
        else
        {
            RecordFailure(delivery, error, attemptedAt);
        }

        await SaveAsync();
    }

    private void RecordFailure(QueuedDelivery delivery, string error, DateTimeOffset now)
    {
        State.ConsecutiveFailures++;
        var settings = options.CurrentValue;
        if (State.ConsecutiveFailures >= settings.MaxAttempts)
        {
            CompleteHead(delivery, WebhookDeliveryStatuses.Failed, now);
            WebhookLog.Disabled(logger, Id, State.ConsecutiveFailures, error);
            Disable(WebhookStatuses.TooManyFailures, Actor.System, "The webhook was disabled after too many failed attempts.");
            return;
        }

        var delay = settings.RetryDelay(delivery.Attempts);
        delivery.NextAttemptAt = now + delay;
        SetIndex(DeliveryRow(delivery, WebhookDeliveryStatuses.Pending, null));
        SetReminder(DeliverReminder, delivery.NextAttemptAt.Value);
        WebhookLog.AttemptFailed(logger, DeliveryId(delivery.Sequence), delivery.Attempts, error, delay);
    }

    /// <summary>One signed POST; the receiver's status code, and an error unless it answered 2xx.</summary>
    private async Task<(int? StatusCode, string? Error)> PostAsync(QueuedDelivery delivery, StoredEvent stored)
    {
        var deliveryId = DeliveryId(delivery.Sequence);
        var body = JsonSerializer.Serialize(
            new WebhookPayload(deliveryId, stored.Type, stored.Sequence, stored.OccurredAt, stored.Payload), VrpsJson.Options);
        var timestamp = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(State.Url));
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Add(WebhookHeaders.Id, deliveryId);
        request.Headers.Add(WebhookHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.Signature, WebhookSignature.Sign(State.Secret, deliveryId, timestamp, body));
        using var client = httpClients.CreateClient(WebhookOptions.HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var code = (int)response.StatusCode;
            return (code, response.IsSuccessStatusCode ? null : $"The receiver answered {code} {response.ReasonPhrase}.");
        }
        catch (TaskCanceledException)
        {
            return (null, $"The receiver did not answer within {client.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException exception)
        {
            return (null, exception.Message);
        }
    }

    private void CompleteHead(QueuedDelivery delivery, string status, DateTimeOffset now)
    {
        State.Queue.RemoveAt(0);
        SetIndex(DeliveryRow(delivery, status, now));
    }

    private void DeliverNextSoon(DateTimeOffset now)
    {
        if (State.Queue.Count > 0)
        {
            SetReminder(DeliverReminder, now);
        }
    }

    /// <summary>Stops deliveries: whatever is still queued is recorded as failed, and the reminder goes.</summary>
    private void Disable(string reason, Actor actor, string undeliveredError)
    {
        var before = View();
        var now = TimeProvider.GetUtcNow();
        State.Status = WebhookStatuses.Disabled;
        State.DisabledAt = now;
        State.DisabledReason = reason;
        foreach (var delivery in State.Queue)
        {
            delivery.LastError = undeliveredError;
            delivery.NextAttemptAt = null;
            SetIndex(DeliveryRow(delivery, WebhookDeliveryStatuses.Failed, now));
        }

        State.Queue.Clear();
        CancelReminder(DeliverReminder);
        Audit(AuditActions.Disabled, actor, before, View());
    }

    private string DeliveryId(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{Id:D}:{sequence}");

    /// <summary>
    /// The delivery's list row. The row id pads the sequence so deliveries created in one commit (same created_at)
    /// still list in sequence order.
    /// </summary>
    private IndexEntry DeliveryRow(QueuedDelivery delivery, string status, DateTimeOffset? completedAt) => new(
        WebhookIndexKinds.Delivery,
        string.Create(CultureInfo.InvariantCulture, $"{Id:D}:{delivery.Sequence:D19}"),
        Id.ToString("D"),
        State.CustomerId.ToString("D"),
        delivery.Type,
        delivery.CreatedAt,
        null,
        new WebhookDeliveryView(
            DeliveryId(delivery.Sequence), Id, State.CustomerId, delivery.Type, delivery.Sequence, delivery.Attempts, status,
            delivery.LastStatusCode, delivery.LastError, delivery.CreatedAt, delivery.LastAttemptAt, delivery.NextAttemptAt, completedAt));

    protected override IndexEntry IndexRow() =>
        new(Kind, Id.ToString("D"), State.CustomerId.ToString("D"), State.CustomerId.ToString("D"), State.Url, State.CreatedAt, State.DeletedAt, View());

    private WebhookView View() => new(
        Id, State.CustomerId, State.Url, State.EventTypes.ToArray(), State.Status, State.ConsecutiveFailures, State.Queue.Count,
        State.CreatedAt, State.DisabledAt, State.DisabledReason);
}
