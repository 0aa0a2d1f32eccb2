using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Vrps.Grains.Webhooks;

namespace Vrps.Api.Tests;

/// <summary>Standard Webhooks signing, pure: no runtime, no network.</summary>
public sealed class WebhookSignatureTests
{
    [Fact]
    public void Sign_TheSpecificationsExample_GivesItsSignature()
    {
        var signature = WebhookSignature.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void NewSecret_Always_IsWhsecAndTheBase64Of32Bytes()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }

    [Fact]
    public void Key_SecretWithoutPrefix_IsItsUtf8Bytes()
    {
        // Secrets issued before the Standard Webhooks format keep the key they were always signed with.
        const string legacy = "DwsujQMkA5p6lha_10LC0vqfeDBBd8FztfzCK7KAbnc";

        Assert.Equal(Encoding.UTF8.GetBytes(legacy), WebhookSignature.Key(legacy));
    }

    [Fact]
    public void Sign_NewSecret_VerifiesWithTheStandardWebhooksLibrary()
    {
        var secret = WebhookSignature.NewSecret();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string body = """{"id":"d7a4:12","type":"lot.created","data":{"name":"Nörth"}}""";
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "d7a4:12",
            ["webhook-timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSignature.Sign(secret, "d7a4:12", timestamp, body),
        };

        Assert.Null(Record.Exception(() => new StandardWebhook(secret).Verify(body, headers)));
    }

    [Fact]
    public void Sign_AnotherSecret_IsRejectedByTheStandardWebhooksLibrary()
    {
        // Keeps the verification tests honest: the library does refuse what our secret did not sign.
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "d7a4:12",
            ["webhook-timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSignature.Sign(WebhookSignature.NewSecret(), "d7a4:12", timestamp, "{}"),
        };

        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookSignature.NewSecret()).Verify("{}", headers));
    }

    [Fact]
    public void Sign_AnotherMessageId_GivesAnotherSignature()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.NotEqual(WebhookSignature.Sign(secret, "a:1", 1614265330, "{}"), WebhookSignature.Sign(secret, "a:2", 1614265330, "{}"));
    }
}
