using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Spirit;

/// <summary>Spirit handler mode: <c>/v1/{id}/sync</c>, <c>/v1/{id}/async</c> (submit and cancel) and <c>/v1/{id}/status</c>.</summary>
internal sealed class SpiritHandlerEndpoints(EmulatorOptions options, SpiritJobStore store, SpiritJobQueue queue, TimeProvider time)
{
    private static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);

    public async Task SyncAsync(HttpContext context)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        if (!options.SpiritGpuAvailable)
        {
            throw new RequestRejectedException(503, "not enough gpu now, please try again later");
        }

        var job = new SpiritJob(Guid.NewGuid().ToString(), store.NextSequence(), body["input"], null, options.SpiritSyncTimeout, time.GetTimestamp());
        queue.Enqueue(job);
        try
        {
            await job.Finished.WaitAsync(options.SpiritSyncTimeout, time, context.RequestAborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            job.Fail(408, "request timeout", time.GetTimestamp());
            job.Cancellation.Cancel();
        }

        if (job.Status != SpiritStatus.Succeed)
        {
            throw new RequestRejectedException(job.StatusCode, job.Message);
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(job.Result, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task SubmitAsync(HttpContext context)
    {
        var body = await ReadAsync(context).ConfigureAwait(false);
        var webhook = body["webhook"]?.ToString();
        if (string.IsNullOrEmpty(webhook))
        {
            throw new RequestRejectedException(400, "webhook is empty for async request");
        }

        if (!Uri.TryCreate(webhook, UriKind.Absolute, out var webhookUri) || !LoopbackUrls.IsLoopback(webhookUri))
        {
            throw new RequestRejectedException(400, "invalid request data: the emulator only calls loopback webhooks");
        }

        var ttl = options.SpiritDefaultTtl;
        if (body["policy"]?["ttl"] is JsonValue ttlValue)
        {
            ttl = ttlValue.TryGetValue(out long ms) && ms > 0 && ms < MaxTtl.TotalMilliseconds
                ? TimeSpan.FromMilliseconds(ms)
                : throw new RequestRejectedException(400, "invalid request data: policy.ttl must be milliseconds below 24 hours");
        }

        var job = new SpiritJob(Guid.NewGuid().ToString(), store.NextSequence(), body["input"], webhookUri, ttl, time.GetTimestamp());
        queue.Enqueue(job);
        await JsonBody.WriteAsync(context, new JsonObject { ["id"] = job.Id, ["sequence"] = job.Sequence }).ConfigureAwait(false);
    }

    public async Task StatusAsync(HttpContext context)
    {
        CheckServerless(context);
        if (context.Request.Query["requestID"].ToString() is { Length: > 0 } requestId)
        {
            var job = store.Find(requestId) ?? throw new RequestRejectedException(404, "request status not found or expired");
            await JsonBody.WriteAsync(context, Status(job, requestId)).ConfigureAwait(false);
            return;
        }

        await JsonBody.WriteAsync(context, new JsonObject { ["queueingCount"] = store.Queued.Count() }).ConfigureAwait(false);
    }

    public async Task BatchStatusAsync(HttpContext context)
    {
        var body = await ReadAsync(context, requireInput: false).ConfigureAwait(false);
        if (body["requestIDs"] is not JsonArray ids || ids.Any(i => i?.GetValueKind() != JsonValueKind.String))
        {
            throw new RequestRejectedException(400, "invalid request data: requestIDs must be a list of strings");
        }

        var statuses = ids.Select(i => (JsonNode)Status(store.Find(i!.GetValue<string>()), i.GetValue<string>()));
        await JsonBody.WriteAsync(context, new JsonObject { ["statuses"] = new JsonArray([.. statuses]) }).ConfigureAwait(false);
    }

    public async Task CancelAsync(HttpContext context)
    {
        CheckServerless(context);
        if (context.Request.Query["requestID"].ToString() is not { Length: > 0 } requestId)
        {
            var cleaned = store.Queued.ToList();
            cleaned.ForEach(Cancel);
            await JsonBody.WriteAsync(context, new JsonObject
            {
                ["id"] = options.SpiritServerlessId,
                ["cleaned"] = new JsonArray([.. cleaned.Select(j => (JsonNode)j.Id)]),
            }).ConfigureAwait(false);
            return;
        }

        var job = store.Find(requestId) ?? throw new RequestRejectedException(404, "request not found");
        Cancel(job);
        await JsonBody.WriteAsync(context, new JsonObject { ["id"] = job.Id }).ConfigureAwait(false);
    }

    private void Cancel(SpiritJob job)
    {
        job.Fail(500, "request cancelled", time.GetTimestamp());
        job.Cancellation.Cancel();
    }

    private JsonObject Status(SpiritJob? job, string requestId) => job is null
        ? new JsonObject { ["statusCode"] = 404, ["serverlessID"] = options.SpiritServerlessId, ["requestID"] = requestId, ["status"] = null, ["message"] = "request status not found or expired", ["result"] = null }
        : new JsonObject
        {
            ["statusCode"] = job.StatusCode,
            ["serverlessID"] = options.SpiritServerlessId,
            ["requestID"] = job.Id,
            ["status"] = job.Status,
            ["message"] = job.Message,
            ["result"] = job.StatusResult is null ? null : Convert.ToBase64String(job.StatusResult),
        };

    private async Task<JsonObject> ReadAsync(HttpContext context, bool requireInput = true)
    {
        CheckServerless(context);

        JsonObject body;
        try
        {
            body = await JsonBody.ReadObjectAsync(context).ConfigureAwait(false);
        }
        catch (RequestRejectedException)
        {
            throw new RequestRejectedException(400, "invalid request data");
        }

        return !requireInput || body.ContainsKey("input") ? body : throw new RequestRejectedException(400, "invalid request data: input is required");
    }

    private void CheckServerless(HttpContext context)
    {
        if (!string.Equals(context.Request.RouteValues["id"]?.ToString(), options.SpiritServerlessId, StringComparison.Ordinal))
        {
            throw new RequestRejectedException(404, "serverless not found");
        }
    }
}
