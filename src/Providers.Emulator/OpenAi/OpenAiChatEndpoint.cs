using Microsoft.AspNetCore.Http;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;

namespace Providers.Emulator.OpenAi;

/// <summary>
/// The <c>POST /v1/chat/completions</c> shared by every OpenAI-compatible emulation: read, check the model,
/// let the service inspect images, answer with the stand-in model in the service's dialect.
/// </summary>
internal static class OpenAiChatEndpoint
{
    /// <param name="context">The request.</param>
    /// <param name="dialect">How the server writes completions and errors.</param>
    /// <param name="models">The chat models the server serves.</param>
    /// <param name="describeImages">
    /// For a vision model: validates the request's images and describes them; null for a text-only model,
    /// which refuses images.
    /// </param>
    public static async Task HandleAsync(
        HttpContext context,
        ChatDialect dialect,
        IEnumerable<string> models,
        Func<ChatRequest, IReadOnlyList<string>>? describeImages = null)
    {
        var request = ChatRequestReader.Read(await JsonBody.ReadAsync(context).ConfigureAwait(false));
        if (!models.Contains(request.Model, StringComparer.Ordinal))
        {
            var (status, message) = dialect.UnknownModel(request.Model);
            throw new RequestRejectedException(status, message);
        }

        if (describeImages is null && request.ImageCount > 0)
        {
            throw new RequestRejectedException(400, $"{request.Model} is not a multimodal model; image inputs are not supported.");
        }

        var notes = describeImages?.Invoke(request);
        var plan = StandInChatModel.Respond(request, ReasoningOf(request, dialect), notes);
        await ChatCompletionWriter.WriteAsync(context, request, plan, dialect).ConfigureAwait(false);
    }

    private static ReasoningEffort? ReasoningOf(ChatRequest request, ChatDialect dialect)
    {
        if (dialect.ReasoningField is null)
        {
            return null;
        }

        // vLLM validates the field against its literal type before the model sees the request.
        return StandInReasoning.TryParseEffort(request.ReasoningEffort, out var effort)
            ? effort
            : throw new RequestRejectedException(400, $"reasoning_effort: Input should be 'low', 'medium' or 'high', not '{request.ReasoningEffort}'.");
    }
}
