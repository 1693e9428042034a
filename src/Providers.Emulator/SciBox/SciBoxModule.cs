using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;
using Providers.Emulator.OpenAi;

namespace Providers.Emulator.SciBox;

/// <summary>
/// SciBox: a LiteLLM proxy. Bearer auth, LiteLLM error shapes (string <c>code</c>), <c>x-litellm-*</c> and
/// <c>x-ratelimit-*</c> headers, float <c>retry-after</c>, and every route also without <c>/v1</c>.
/// </summary>
internal sealed class SciBoxModule(EmulatorOptions options, EmbeddingDimensions dimensions) : IServiceModule
{
    // LiteLLM reports this fixed "created" for every model it lists.
    private const long LiteLlmCreated = 1677610602;

    private static readonly ChatDialect Dialect = new(
        LiteLlmErrors.Instance,
        OmitNullsInChunks: true,
        UsageChunkKeepsChoice: true,
        ReasoningField: null,
        UnknownModel: model => (400, $"Invalid model name passed in model={model}. Call `/v1/models` to view available models for your key."));

    public EmulatedService Service => EmulatedService.SciBox;

    public ErrorShape ErrorsFor(string localPath) => LiteLlmErrors.Instance;

    public string FormatRetryAfter(TimeSpan wait) => Math.Max(wait.TotalSeconds, 0.01).ToString("0.00", CultureInfo.InvariantCulture);

    public void AddResponseHeaders(HttpContext context) => LiteLlmHeaders.Add(context);

    public void Map(IEndpointRouteBuilder routes)
    {
        foreach (var prefix in (string[])["v1/", string.Empty])
        {
            routes.MapGet(prefix + "models", ListModelsAsync).RequireAdmission(AdmitAsync);
            routes.MapPost(prefix + "chat/completions", ChatAsync).RequireAdmission(AdmitAsync);
            routes.MapPost(prefix + "embeddings", EmbedAsync).RequireAdmission(AdmitAsync);
        }
    }

    private async Task<bool> AdmitAsync(HttpContext context)
    {
        AddResponseHeaders(context);
        if (IsAuthorized(context.Request))
        {
            return true;
        }

        await LiteLlmErrors.Instance.WriteAsync(context, StatusCodes.Status401Unauthorized,
            "Authentication Error, Invalid proxy server token passed. Unable to find token in cache or `LiteLLM_VerificationTokenTable`").ConfigureAwait(false);
        return false;
    }

    private bool IsAuthorized(HttpRequest request) =>
        string.Equals(request.Headers.Authorization.ToString(), "Bearer " + options.SciBoxApiKey, StringComparison.Ordinal);

    private Task ListModelsAsync(HttpContext context) =>
        JsonBody.WriteAsync(context, ModelList.Build(options.SciBoxChatModels.Concat(options.SciBoxEmbeddingModels), "openai", LiteLlmCreated));

    private Task ChatAsync(HttpContext context) => OpenAiChatEndpoint.HandleAsync(context, Dialect, options.SciBoxChatModels);

    private async Task EmbedAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context).ConfigureAwait(false);
        var model = body["model"]?.ToString();
        if (model is null || !options.SciBoxEmbeddingModels.Contains(model) || !dimensions.TryGet(model, out var dimension))
        {
            throw new RequestRejectedException(400, Dialect.UnknownModel(model ?? "None").Message);
        }

        var problem = EmbeddingInput.TryRead(body["input"], out var texts);
        if (problem != EmbeddingInputProblem.None)
        {
            throw new RequestRejectedException(400, $"Invalid input for embeddings: {problem}. Expected a string, a list of strings or a list of token lists.");
        }

        var format = body["encoding_format"]?.ToString() ?? "float";
        if (format is not ("float" or "base64"))
        {
            throw new RequestRejectedException(400, $"encoding_format must be 'float' or 'base64', not '{format}'.");
        }

        var vectors = texts.ConvertAll(t => HashedTextEmbedder.Embed(t, dimension));
        await EmbeddingListWriter.WriteAsync(context, vectors, model, format == "base64", texts.Sum(TextTokens.Count)).ConfigureAwait(false);
    }
}
