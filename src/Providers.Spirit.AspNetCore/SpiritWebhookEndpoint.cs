using System.Globalization;
using Microsoft.AspNetCore.Http;
using Providers.Spirit;

namespace Providers.Spirit.AspNetCore;

/// <summary>
/// Receives <c>POST {webhook}?requestID=R&amp;statusCode=S</c> from Spirit-GPU and hands the body to the job's waiter.
/// Answers 200 to the one delivery each submitted job may make: the service marks a job failed when its webhook answers
/// anything else. A call whose webhook URL this app did not issue, expired, was used already, or names another job than
/// the one it was issued for gets 403 and completes nothing (see <see cref="SpiritWebhookRegistry"/>).
/// </summary>
internal sealed class SpiritWebhookEndpoint(SpiritWebhookRegistry registry)
{
    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        using var claim = registry.TryClaim(
            query[SpiritWebhookRegistry.NonceParameter].ToString(),
            query[SpiritWebhookRegistry.ExpiresParameter].ToString(),
            query[SpiritWebhookRegistry.SignatureParameter].ToString());
        if (claim is null)
        {
            await ForbidAsync(context).ConfigureAwait(false);
            return;
        }

        string requestId = query["requestID"].ToString();
        if (string.IsNullOrWhiteSpace(requestId))
        {
            await RefuseAsync(context, "The requestID query parameter is missing.").ConfigureAwait(false);
            return;
        }

        if (!int.TryParse(query["statusCode"], NumberStyles.None, CultureInfo.InvariantCulture, out int statusCode) || statusCode is < 100 or > 599)
        {
            await RefuseAsync(context, "The statusCode query parameter is missing or not an HTTP status.").ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var delivery = new SpiritWebhookDelivery(requestId, statusCode, body.GetBuffer().AsMemory(0, (int)body.Length),
            context.Request.GetTypedHeaders().ContentType?.MediaType.Value);
        if (!await claim.DeliverAsync(delivery, context.RequestAborted).ConfigureAwait(false))
        {
            await ForbidAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    // One answer for every reason, so that a caller learns nothing about which nonces or jobs exist.
    private static Task ForbidAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync(
            "This app is not waiting for this webhook call: its URL was not issued here, has expired or been used, or was issued for another job.",
            context.RequestAborted);
    }

    private static Task RefuseAsync(HttpContext context, string problem)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsync(problem, context.RequestAborted);
    }
}
