using Vrps.Grains.Rules;
using Vrps.Interfaces;
using Vrps.Interfaces.Consumers;

namespace Vrps.Api.Tests;

/// <summary>R12: which identity a request names and who owns it, the one rule the consumer endpoints, claims and consumer grains ask.</summary>
public sealed class ConsumerIdentityRulesTests
{
    private static ConsumerIdentity Phone(string value, bool preferred = false) => new(ConsumerIdentityRules.Phone, value, false, preferred);

    [Fact]
    public void OfClaim_ConsumerIdGiven_IgnoresPhoneAndEmail() =>
        Assert.Null(ConsumerIdentityRules.OfClaim(Guid.NewGuid(), "+1 555 123 4567", "a@example.com"));

    [Fact]
    public void OfClaim_PhoneAndEmail_ThePhoneNormalizedIsTheIdentity()
    {
        var identity = ConsumerIdentityRules.OfClaim(null, "+1 (555) 123-4567", "a@example.com");

        Assert.Equal(new ConsumerIdentity(ConsumerIdentityRules.Phone, "+15551234567", Verified: false, Preferred: true), identity);
    }

    [Fact]
    public void OfClaim_OnlyEmail_TheLowercasedEmailIsTheIdentity()
    {
        var identity = ConsumerIdentityRules.OfClaim(null, "", "Ann@Example.com");

        Assert.Equal(new ConsumerIdentity(ConsumerIdentityRules.Email, "ann@example.com", Verified: false, Preferred: true), identity);
    }

    [Fact]
    public void OfClaim_NoConsumerAtAll_IsAValidationErrorOnPhone()
    {
        var error = Assert.Throws<DomainException>(() => ConsumerIdentityRules.OfClaim(null, null, null));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Equal(["phone"], error.Errors!.Keys);
    }

    [Fact]
    public void OfNewConsumer_PhoneAndEmail_BothUnverifiedPhoneFirst()
    {
        var identities = ConsumerIdentityRules.OfNewConsumer("555-123-4567", "b@example.com");

        Assert.Equal(
            [new(ConsumerIdentityRules.Phone, "+5551234567", false, false), new ConsumerIdentity(ConsumerIdentityRules.Email, "b@example.com", false, false)],
            identities);
    }

    [Fact]
    public void Parse_KindInAnyCase_NormalizesTheValue()
    {
        var identity = ConsumerIdentityRules.Parse(" Phone ", "+44 20 7946 0958", verified: false, preferred: true, byPlatformAdmin: false);

        Assert.Equal(new ConsumerIdentity(ConsumerIdentityRules.Phone, "+442079460958", false, true), identity);
    }

    [Fact]
    public void Parse_VerifiedByAnyoneButAPlatformAdmin_IsForbidden()
    {
        var error = Assert.Throws<DomainException>(() => ConsumerIdentityRules.Parse("email", "c@example.com", verified: true, preferred: false, byPlatformAdmin: false));

        Assert.Equal(DomainErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public void Parse_VerifiedByAPlatformAdmin_StaysVerified() =>
        Assert.True(ConsumerIdentityRules.Parse("email", "c@example.com", verified: true, preferred: false, byPlatformAdmin: true).Verified);

    [Fact]
    public void Parse_BadValueMarkedVerifiedByAnOperator_IsAValidationErrorFirst()
    {
        var error = Assert.Throws<DomainException>(() => ConsumerIdentityRules.Parse("email", "not-an-email", verified: true, preferred: false, byPlatformAdmin: false));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
    }

    [Theory]
    [InlineData("sms")]
    [InlineData(null)]
    public void Parse_UnknownKind_IsAValidationErrorOnKind(string? kind)
    {
        var error = Assert.Throws<DomainException>(() => ConsumerIdentityRules.Parse(kind, "x", false, false, false));

        Assert.Equal(["kind"], error.Errors!.Keys);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public void Parse_OAuthSubjectNotOnePrintableToken_IsRefused(string subject) =>
        Assert.Throws<DomainException>(() => ConsumerIdentityRules.Parse("oauth", subject, false, false, false));

    [Fact]
    public void Owner_Unbound_IsTheClaimant()
    {
        var claimant = Guid.NewGuid();

        Assert.Equal(claimant, ConsumerIdentityRules.Owner(null, claimant));
    }

    [Fact]
    public void Owner_AlreadyBound_StaysTheFirstConsumer()
    {
        var first = Guid.NewGuid();

        Assert.Equal(first, ConsumerIdentityRules.Owner(first, Guid.NewGuid()));
    }

    [Fact]
    public void TakenFrom_BoundToAnotherConsumer_IsTaken() =>
        Assert.True(ConsumerIdentityRules.TakenFrom(Guid.NewGuid(), Guid.NewGuid()));

    [Fact]
    public void TakenFrom_BoundToTheSameConsumerOrUnbound_IsNotTaken()
    {
        var consumer = Guid.NewGuid();

        Assert.False(ConsumerIdentityRules.TakenFrom(consumer, consumer));
        Assert.False(ConsumerIdentityRules.TakenFrom(consumer, null));
    }

    [Fact]
    public void Add_FirstIdentity_IsPreferredEvenIfNotAsked()
    {
        var identities = ConsumerIdentityRules.Add([], Phone("+15550000001"));

        Assert.True(Assert.Single(identities).Preferred);
    }

    [Fact]
    public void Add_PreferredIdentity_TakesPreferenceFromTheOthers()
    {
        var identities = ConsumerIdentityRules.Add([Phone("+15550000001", preferred: true)], Phone("+15550000002", preferred: true));

        Assert.Equal([false, true], identities.Select(static i => i.Preferred));
    }

    [Fact]
    public void Add_NotPreferred_KeepsTheCurrentPreference()
    {
        var identities = ConsumerIdentityRules.Add([Phone("+15550000001", preferred: true)], Phone("+15550000002"));

        Assert.Equal([true, false], identities.Select(static i => i.Preferred));
    }

    [Fact]
    public void Add_KnownKindAndValue_IsNotAddedTwiceAndChangesNothing()
    {
        var identities = ConsumerIdentityRules.Add([Phone("+15550000001", preferred: true), Phone("+15550000002")], Phone("+15550000002", preferred: true));

        Assert.Equal([true, false], identities.Select(static i => i.Preferred));
    }
}
