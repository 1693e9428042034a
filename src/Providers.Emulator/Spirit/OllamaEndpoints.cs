using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;
using Providers.Emulator.OpenAi;
using Providers.Emulator.Streaming;

namespace Providers.Emulator.Spirit;

/// <summary>
/// The Ollama API a Spirit proxy-mode worker serves: <c>/api/chat</c> and <c>/api/generate</c> (NDJSON streams
/// by default), <c>/api/embed</c> and <c>/api/tags</c>.
/// </summary>
internal sealed class OllamaEndpoints(EmulatorOptions options, EmbeddingDimensions dimensions)
{
    private const long NanosPerToken = 20_000_000;

    public Task TagsAsync(HttpContext context) => JsonBody.WriteAsync(context, new JsonObject
    {
        ["models"] = new JsonArray(Tag(options.SpiritChatModel, "llama", "3.2B"), Tag(options.SpiritEmbeddingModel, "nomic-bert", "137M")),
    });

    public async Task ChatAsync(HttpContext context)
    {
        var request = ChatRequestReader.Read(await JsonBody.ReadAsync(context).ConfigureAwait(false), streamByDefault: true);
        CheckModel(request.Model, options.SpiritChatModel);
        var plan = StandInChatModel.Respond(request, reasoning: null);
        await RespondAsync(context, request, plan, piece => new JsonObject { ["message"] = Message(piece, null) }, final =>
        {
            final["message"] = Message(request.Stream ? string.Empty : plan.ContentText ?? string.Empty, plan.ToolCall);
        }).ConfigureAwait(false);
    }

    public async Task GenerateAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context).ConfigureAwait(false);
        var messages = new JsonArray();
        if (body["system"]?.ToString() is { } system)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = body["prompt"]?.ToString() ?? string.Empty });
        body["messages"] = messages;
        var request = ChatRequestReader.Read(body, streamByDefault: true);
        CheckModel(request.Model, options.SpiritChatModel);
        var plan = StandInChatModel.Respond(request, reasoning: null);
        await RespondAsync(context, request, plan, piece => new JsonObject { ["response"] = piece }, final =>
        {
            final["response"] = request.Stream ? string.Empty : plan.ContentText ?? string.Empty;
            final["context"] = new JsonArray([.. Enumerable.Range(1, plan.CompletionTokens).Select(i => (JsonNode)i)]);
        }).ConfigureAwait(false);
    }

    public async Task EmbedAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context).ConfigureAwait(false);
        var model = body["model"]?.ToString() ?? throw new RequestRejectedException(400, "model is required");
        CheckModel(model, options.SpiritEmbeddingModel);
        if (EmbeddingInput.TryRead(body["input"], out var texts) is not (EmbeddingInputProblem.None or EmbeddingInputProblem.Empty))
        {
            throw new RequestRejectedException(400, "invalid input type");
        }

        var dimension = dimensions.TryGet(model, out var d) ? d : 768;
        var vectors = texts.ConvertAll(t => HashedTextEmbedder.Embed(t, dimension));
        VectorFaults.Apply(vectors, Faults.RequestFaults.Of(context));
        var tokens = texts.Sum(TextTokens.Count);
        await JsonBody.WriteAsync(context, new JsonObject
        {
            ["model"] = model,
            ["embeddings"] = new JsonArray([.. vectors.Select(v => (JsonNode)new JsonArray([.. v.Select(x => (JsonNode)x)]))]),
            ["total_duration"] = tokens * NanosPerToken,
            ["load_duration"] = NanosPerToken,
            ["prompt_eval_count"] = tokens,
        }).ConfigureAwait(false);
    }

    private static async Task RespondAsync(
        HttpContext context, ChatRequest request, ChatCompletionPlan plan, Func<string, JsonObject> pieceFrame, Action<JsonObject> completeFinal)
    {
        var last = new JsonObject();
        completeFinal(last);
        var final = Frame(request.Model, last, done: true);
        final["done_reason"] = plan.FinishReason == "length" ? "length" : "stop";
        final["total_duration"] = (plan.PromptTokens + plan.CompletionTokens) * NanosPerToken;
        final["load_duration"] = NanosPerToken;
        final["prompt_eval_count"] = plan.PromptTokens;
        final["prompt_eval_duration"] = plan.PromptTokens * NanosPerToken;
        final["eval_count"] = plan.CompletionTokens;
        final["eval_duration"] = plan.CompletionTokens * NanosPerToken;
        if (!request.Stream)
        {
            await JsonBody.WriteAsync(context, final).ConfigureAwait(false);
            return;
        }

        var writer = new FrameStreamWriter(context, FrameFormat.NdJson, PlainErrors.Instance);
        await writer.StartAsync().ConfigureAwait(false);
        foreach (var piece in plan.Content ?? [])
        {
            if (!await writer.WriteAsync(Frame(request.Model, pieceFrame(piece), done: false)).ConfigureAwait(false))
            {
                return;
            }
        }

        await writer.WriteAsync(final).ConfigureAwait(false);
    }

    private static JsonObject Frame(string model, JsonObject fields, bool done)
    {
        var frame = new JsonObject
        {
            ["model"] = model,
            ["created_at"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            frame[name] = value;
        }

        frame["done"] = done;
        return frame;
    }

    private static JsonObject Message(string content, ToolCallPlan? toolCall)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
        if (toolCall is not null)
        {
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["function"] = new JsonObject { ["name"] = toolCall.Name, ["arguments"] = toolCall.Arguments.DeepClone() },
            });
        }

        return message;
    }

    private static void CheckModel(string requested, string served)
    {
        if (requested != served && requested != served + ":latest")
        {
            throw new RequestRejectedException(404, $"model \"{requested}\" not found, try pulling it first");
        }
    }

    private static JsonObject Tag(string name, string family, string parameterSize) => new()
    {
        ["name"] = name + ":latest",
        ["model"] = name + ":latest",
        ["modified_at"] = "2025-01-01T00:00:00Z",
        ["size"] = 2019393189,
        ["digest"] = Convert.ToHexStringLower(BitConverter.GetBytes(StableHash.Of(name))) + new string('0', 48),
        ["details"] = new JsonObject
        {
            ["parent_model"] = string.Empty,
            ["format"] = "gguf",
            ["family"] = family,
            ["families"] = new JsonArray(family),
            ["parameter_size"] = parameterSize,
            ["quantization_level"] = "Q4_K_M",
        },
    };
}
