using System.Net;

namespace Providers.Emulator.Tests.SvRay;

public sealed class SvRayChatTests : EmulatorTest
{
    private const string Question = """
        {"model":"openai/gpt-oss-20b","messages":[{"role":"system","content":"The Moon orbits the Earth."},{"role":"user","content":"What does the Moon orbit?"}]%EXTRA%}
        """;

    [Fact]
    public async Task Puts_gpt_oss_reasoning_in_the_reasoning_field_by_default()
    {
        using var client = Client(EmulatedService.SvRay);

        var (_, body) = await PostAsync(client, "v1/chat/completions", Question.Replace("%EXTRA%", string.Empty, StringComparison.Ordinal));
        var message = body["choices"]![0]!["message"]!;

        Assert.Equal("The Moon orbits the Earth.", message["content"]!.GetValue<string>());
        Assert.Contains("The Moon orbits the Earth.", message["reasoning"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(message["reasoning_content"]);
    }

    [Fact]
    public async Task Streams_reasoning_deltas_before_content_deltas()
    {
        using var client = Client(EmulatedService.SvRay);

        var response = await client.PostAsync("v1/chat/completions", Json(Question.Replace("%EXTRA%", ""","stream":true""", StringComparison.Ordinal)));
        var deltas = (await ReadSseAsync(response)).SkipLast(1).Select(f => f["choices"]![0]!["delta"]!).ToList();
        var lastReasoning = deltas.FindLastIndex(d => d["reasoning"] is not null);
        var firstContent = deltas.FindIndex(d => d["content"]?.GetValue<string>() is { Length: > 0 });

        Assert.True(lastReasoning > 0);
        Assert.True(firstContent > lastReasoning);
    }

    [Fact]
    public async Task Leaves_content_null_when_max_tokens_runs_out_during_reasoning()
    {
        using var client = Client(EmulatedService.SvRay);

        var (_, body) = await PostAsync(client, "v1/chat/completions", Question.Replace("%EXTRA%", ""","max_tokens":3""", StringComparison.Ordinal));
        var choice = body["choices"]![0]!;

        Assert.Null(choice["message"]!["content"]);
        Assert.Equal("length", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal(3, body["usage"]!["completion_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reasons_longer_the_higher_the_reasoning_effort()
    {
        using var client = Client(EmulatedService.SvRay);

        var low = await AskWithEffortAsync(client, "low");
        var medium = await AskWithEffortAsync(client, "medium");
        var high = await AskWithEffortAsync(client, "high");

        Assert.True(low.Reasoning.Length < medium.Reasoning.Length, $"low: {low.Reasoning} / medium: {medium.Reasoning}");
        Assert.True(medium.Reasoning.Length < high.Reasoning.Length, $"medium: {medium.Reasoning} / high: {high.Reasoning}");
        Assert.True(low.CompletionTokens < medium.CompletionTokens && medium.CompletionTokens < high.CompletionTokens);
        Assert.Equal("The Moon orbits the Earth.", high.Content);
    }

    [Fact]
    public async Task Checks_at_high_effort_that_an_answer_sharing_no_word_with_a_who_question_names_someone()
    {
        using var client = Client(EmulatedService.SvRay);

        var (_, body) = await PostAsync(client, "v1/chat/completions", """
            {"model":"openai/gpt-oss-20b","reasoning_effort":"high","messages":[
              {"role":"system","content":"The comet returns about every 76 years. Edmond Halley predicted its return."},
              {"role":"user","content":"Who found out when the comet comes back?"}]}
            """);
        var message = body["choices"]![0]!["message"]!;

        Assert.Equal("Edmond Halley predicted its return.", message["content"]!.GetValue<string>());
        Assert.EndsWith("Checking: it names someone, as the question asks who.", message["reasoning"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reasons_at_medium_effort_when_none_is_sent()
    {
        using var client = Client(EmulatedService.SvRay);

        var (_, body) = await PostAsync(client, "v1/chat/completions", Question.Replace("%EXTRA%", string.Empty, StringComparison.Ordinal));
        var medium = await AskWithEffortAsync(client, "medium");

        Assert.Equal(medium.Reasoning, body["choices"]![0]!["message"]!["reasoning"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_an_unknown_reasoning_effort_with_vLLMs_400()
    {
        using var client = Client(EmulatedService.SvRay);

        var (response, body) = await PostAsync(client, "v1/chat/completions", Question.Replace("%EXTRA%", ",\"reasoning_effort\":\"extreme\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reasoning_effort", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_an_unknown_model_with_vLLMs_404()
    {
        using var client = Client(EmulatedService.SvRay);

        var (response, body) = await PostAsync(client, "v1/chat/completions", """{"model":"gpt-4","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFoundError", body["error"]!["type"]!.GetValue<string>());
        Assert.Equal(404, body["error"]!["code"]!.GetValue<int>());
    }

    private static async Task<(string Reasoning, string Content, int CompletionTokens)> AskWithEffortAsync(HttpClient client, string effort)
    {
        var (_, body) = await PostAsync(client, "v1/chat/completions", Question.Replace("%EXTRA%", $",\"reasoning_effort\":\"{effort}\"", StringComparison.Ordinal));
        var message = body["choices"]![0]!["message"]!;
        return (message["reasoning"]!.GetValue<string>(), message["content"]!.GetValue<string>(), body["usage"]!["completion_tokens"]!.GetValue<int>());
    }
}

public sealed class SvRayOlderVllmTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { ReasoningField = "reasoning_content" };

    [Fact]
    public async Task Puts_reasoning_in_reasoning_content_when_configured_as_older_vLLM()
    {
        using var client = Client(EmulatedService.SvRay);

        var (_, body) = await PostAsync(client, "v1/chat/completions", """{"model":"openai/gpt-oss-20b","messages":[{"role":"user","content":"hi?"}]}""");
        var message = body["choices"]![0]!["message"]!;

        Assert.NotNull(message["reasoning_content"]);
        Assert.Null(message["reasoning"]);
    }
}
