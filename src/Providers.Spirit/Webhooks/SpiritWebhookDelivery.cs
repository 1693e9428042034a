namespace Providers.Spirit;

/// <summary>One webhook call from Spirit-GPU: <c>POST {webhook}?requestID=R&amp;statusCode=S</c> with the result as body.</summary>
/// <param name="RequestId">The job's request id.</param>
/// <param name="StatusCode">200 when the handler succeeded, 408 when the job outlived its time-to-live, 500 when the handler failed.</param>
/// <param name="Body">The handler's output for 200, otherwise <c>{"error":"..."}</c>.</param>
/// <param name="MediaType">The body's media type, if the request named one.</param>
public sealed record SpiritWebhookDelivery(string RequestId, int StatusCode, ReadOnlyMemory<byte> Body, string? MediaType);
