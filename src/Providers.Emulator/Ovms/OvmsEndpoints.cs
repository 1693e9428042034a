using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;
using Providers.Emulator.OpenAi;

namespace Providers.Emulator.Ovms;

/// <summary>The OVMS embeddings (and tokenize) and rerank graphs, chosen by the JSON <c>model</c> field.</summary>
internal sealed class OvmsEndpoints(EmulatorOptions options, OvmsModelStates states, EmbeddingDimensions dimensions)
{
    private const string GraphNotFound = "Mediapipe graph definition with requested name is not found";
    public const string ExecutionFailed = "Mediapipe execution failed. MP status - INVALID_ARGUMENT: CalculatorGraph::Run() failed: \nCalculator::Process() for node \"EmbeddingsExecutor\" failed: ";
    private const int RerankDimensions = 256;

    public async Task EmbedAsync(HttpContext context)
    {
        var (body, model) = await ReadAsync(context, options.OvmsEmbeddingModels).ConfigureAwait(false);
        var texts = EmbeddingInput.TryRead(body["input"], out var read) switch
        {
            EmbeddingInputProblem.None => read,
            EmbeddingInputProblem.Empty => throw new RequestRejectedException(400, ExecutionFailed + "input array should not be empty"),
            EmbeddingInputProblem.NotHomogeneous => throw new RequestRejectedException(400, ExecutionFailed + "input must be homogeneous"),
            _ => throw new RequestRejectedException(400, ExecutionFailed + "input should be string, array of strings or array of integers"),
        };

        var longest = texts.Max(TextTokens.Count);
        if (longest > options.OvmsMaxInputTokens)
        {
            throw new RequestRejectedException(400, ExecutionFailed + $"Input length {longest} longer than allowed {options.OvmsMaxInputTokens}");
        }

        var format = body["encoding_format"]?.ToString() ?? "float";
        if (format is not ("float" or "base64"))
        {
            throw new RequestRejectedException(400, "encoding_format should either be base64 or float");
        }

        var dimension = dimensions.TryGet(model, out var d) ? d : 1024;
        var vectors = texts.ConvertAll(t => HashedTextEmbedder.Embed(t, dimension));

        // OVMS leaves "model" out of the embeddings answer.
        await EmbeddingListWriter.WriteAsync(context, vectors, model: null, format == "base64", texts.Sum(TextTokens.Count)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>/v3/tokenize</c>: the token ids of each text, as <c>{"tokens":[ids]}</c> for one text (even in a one-item
    /// list) and <c>{"tokens":[[ids],[ids]]}</c> for several, as OVMS's tokenize response does.
    /// </summary>
    public async Task TokenizeAsync(HttpContext context)
    {
        var (body, model) = await ReadAsync(context, [.. options.OvmsEmbeddingModels, .. options.OvmsRerankModels]).ConfigureAwait(false);

        // A rerank graph reads every request as a rerank request, whatever the URI.
        if (options.OvmsRerankModels.Contains(model))
        {
            await RankAsync(context, body).ConfigureAwait(false);
            return;
        }

        var sequences = OvmsTokenizer.Encode(OvmsTokenizeRequest.Read(body));
        JsonNode tokens = sequences.Count == 1 ? Ids(sequences[0]) : new JsonArray([.. sequences.Select(s => (JsonNode)Ids(s))]);
        await JsonBody.WriteAsync(context, new JsonObject { ["tokens"] = tokens }).ConfigureAwait(false);

        static JsonArray Ids(List<long> ids) => new([.. ids.Select(id => (JsonNode)id)]);
    }

    /// <summary>Scores documents by lexical similarity to the query (the stand-in reranker), best first.</summary>
    public async Task RerankAsync(HttpContext context)
    {
        var (body, _) = await ReadAsync(context, options.OvmsRerankModels).ConfigureAwait(false);
        await RankAsync(context, body).ConfigureAwait(false);
    }

    private async Task RankAsync(HttpContext context, JsonObject body)
    {
        var query = body["query"]?.ToString() ?? throw new RequestRejectedException(400, "query field is missing in JSON body");
        if (body["documents"] is not JsonArray { Count: > 0 } documents || documents.Any(d => d?.GetValueKind() != System.Text.Json.JsonValueKind.String))
        {
            throw new RequestRejectedException(400, "documents should be a non-empty array of strings");
        }

        var queryVector = HashedTextEmbedder.Embed(query, RerankDimensions);
        var topN = body["top_n"] is JsonValue n && n.TryGetValue(out int top) ? top : documents.Count;
        var returnDocuments = body["return_documents"] is not JsonValue r || !r.TryGetValue(out bool flag) || flag;
        var results = documents
            .Select((doc, index) => (Index: index, Text: doc!.GetValue<string>(), Score: Relevance(queryVector, doc.GetValue<string>())))
            .OrderByDescending(x => x.Score)
            .Take(topN)
            .Select(x =>
            {
                var result = new JsonObject { ["index"] = x.Index, ["relevance_score"] = x.Score };
                if (returnDocuments)
                {
                    result["document"] = new JsonObject { ["text"] = x.Text };
                }

                return (JsonNode)result;
            });
        await JsonBody.WriteAsync(context, new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["results"] = new JsonArray([.. results]) }).ConfigureAwait(false);
    }

    private static double Relevance(float[] query, string document)
    {
        var cosine = System.Numerics.Tensors.TensorPrimitives.Dot(query, HashedTextEmbedder.Embed(document, RerankDimensions));
        return Math.Round(1 / (1 + Math.Exp(-8 * (cosine - 0.25))), 6);
    }

    private async Task<(JsonObject Body, string Model)> ReadAsync(HttpContext context, IList<string> graphs)
    {
        // Without a JSON content type OVMS takes the graph name from the URI, finds none, and answers 404.
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            throw new RequestRejectedException(404, GraphNotFound);
        }

        var body = await JsonBody.ReadObjectAsync(context).ConfigureAwait(false);
        var model = body["model"]?.ToString() ?? throw new RequestRejectedException(412, "model field is missing in JSON body");
        if (!graphs.Contains(model))
        {
            throw new RequestRejectedException(404, GraphNotFound);
        }

        if (!states.IsAvailable)
        {
            throw new RequestRejectedException(503, "Model with requested version is not loaded yet");
        }

        return (body, model);
    }
}
