using System.Globalization;
using Microsoft.AspNetCore.Http;
using Providers.Spirit;

namespace Providers.Spirit.AspNetCore;

/// <summary>
/// Receives <c>POST {webhook}?requestID=R&amp;statusCode=S</c> from Spirit-GPU and hands the body to the job's waiter.
/// Answers 200 to every well-formed call, waited for or not: the service marks a job failed when its webhook answers
/// anything else. A call without the registry's signature (<c>&amp;sig=</c>, which the clients add to the webhook they
/// submit) is forged: it gets 401 and completes nothing.
/// </summary>
internal sealed class SpiritWebhookEndpoint(SpiritWebhookRegistry registry)
{
    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!registry.IsSigned(query[SpiritWebhookRegistry.SignatureParameter].ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("The webhook call is not signed with this app's webhook signature.", context.RequestAborted).ConfigureAwait(false);
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
        registry.Deliver(new SpiritWebhookDelivery(requestId, statusCode, body.GetBuffer().AsMemory(0, (int)body.Length),
            context.Request.GetTypedHeaders().ContentType?.MediaType.Value));
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private static Task RefuseAsync(HttpContext context, string problem)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsync(problem, context.RequestAborted);
    }
}
