using System.Web;

namespace Providers.Spirit.Tests.Webhooks;

/// <summary>Builds webhook calls from an issued URL, as the service makes them.</summary>
internal static class WebhookCalls
{
    public static readonly Uri AppWebhook = new("https://app.example/spirit/webhook");

    /// <summary>Issues a URL, binds it to the job and claims it as the service's call would.</summary>
    public static SpiritWebhookClaim? ClaimFor(SpiritWebhookRegistry registry, string requestId, TimeSpan? timeToLive = null)
    {
        using var ticket = registry.Issue(AppWebhook, timeToLive);
        ticket.Bind(requestId);
        return Claim(registry, ticket.Url);
    }

    /// <summary>Claims the ticket of a call to <paramref name="url"/>.</summary>
    public static SpiritWebhookClaim? Claim(SpiritWebhookRegistry registry, Uri url)
    {
        var query = HttpUtility.ParseQueryString(url.Query);
        return registry.TryClaim(query[SpiritWebhookRegistry.NonceParameter], query[SpiritWebhookRegistry.ExpiresParameter], query[SpiritWebhookRegistry.SignatureParameter]);
    }

    /// <summary>Delivers through a freshly issued and bound URL; true when accepted.</summary>
    public static async Task<bool> DeliverAsync(SpiritWebhookRegistry registry, SpiritWebhookDelivery delivery)
    {
        using var claim = ClaimFor(registry, delivery.RequestId);
        return claim is not null && await claim.DeliverAsync(delivery, CancellationToken.None);
    }

    public static SpiritWebhookDelivery Delivery(string id, int bodyBytes = 2, int statusCode = 200) =>
        new(id, statusCode, new byte[bodyBytes], "application/json");
}
