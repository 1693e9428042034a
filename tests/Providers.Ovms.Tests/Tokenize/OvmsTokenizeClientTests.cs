using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Providers.Core;
using Providers.Emulator;

namespace Providers.Ovms.Tests.Tokenize;

public sealed class OvmsTokenizeClientTests : IClassFixture<EmulatorFixture>
{
    // The emulator's gte graph frames every text with BERT's [CLS] (101) and [SEP] (102), as the real tokenizer does.
    private const int Cls = 101;
    private const int Sep = 102;

    private readonly EmulatorFixture _fixture;

    public OvmsTokenizeClientTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Sends_the_texts_and_settings_to_v3_tokenize_as_json()
    {
        using var client = new OvmsTokenizeClient(_fixture.Options);

        await client.TokenizeAsync(["hello world", "a b c"], new OvmsTokenizeOptions
        {
            MaxLength = 8, PadToMaxLength = true, AddSpecialTokens = false, PaddingSide = OvmsPaddingSide.Left,
        });

        var request = Assert.Single(_fixture.Requests);
        Assert.Equal("/v3/tokenize", request.Path);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(OvmsOptions.DefaultEmbeddingModelId, body.GetProperty("model").GetString());
        Assert.Equal(["hello world", "a b c"], body.GetProperty("text").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(8, body.GetProperty("max_length").GetInt32());
        Assert.True(body.GetProperty("pad_to_max_length").GetBoolean());
        Assert.False(body.GetProperty("add_special_tokens").GetBoolean());
        Assert.Equal("left", body.GetProperty("padding_side").GetString());
    }

    [Fact]
    public async Task Leaves_the_servers_defaults_alone_when_no_settings_are_given()
    {
        using var client = new OvmsTokenizeClient(_fixture.Options);

        await client.TokenizeAsync("hello world");

        var body = JsonDocument.Parse(Assert.Single(_fixture.Requests).Body).RootElement;
        Assert.Equal(["model", "text"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Returns_one_id_list_per_text_in_order()
    {
        using var client = new OvmsTokenizeClient(_fixture.Options);

        var sequences = await client.TokenizeAsync(["one", "one two three"]);

        Assert.Equal(2, sequences.Count);
        Assert.Equal(3, sequences[0].Length);
        Assert.Equal(5, sequences[1].Length);
        Assert.All(sequences, ids => Assert.Equal((Cls, Sep), (ids[0], ids[^1])));
        Assert.Equal(sequences[0][1], sequences[1][1]);
    }

    [Fact]
    public async Task Reads_the_flat_list_OVMS_answers_for_a_single_text()
    {
        using var client = new OvmsTokenizeClient(_fixture.Options);

        int[] ids = await client.TokenizeAsync("hello world");

        Assert.Equal(4, ids.Length);
        Assert.Equal(Cls, ids[0]);
    }

    [Fact]
    public async Task Cuts_to_max_length_and_pads_on_the_side_asked()
    {
        using var client = new OvmsTokenizeClient(_fixture.Options);

        var cut = await client.TokenizeAsync("one two three four five", new OvmsTokenizeOptions { MaxLength = 4 });
        var padded = await client.TokenizeAsync("one", new OvmsTokenizeOptions { MaxLength = 6, PadToMaxLength = true, PaddingSide = OvmsPaddingSide.Left });

        Assert.Equal(4, cut.Length);
        Assert.Equal(Sep, cut[^1]);
        Assert.Equal([0, 0, 0, Cls], padded[..4]);
    }

    [Fact]
    public async Task Raises_the_404_OVMS_answers_for_an_unknown_graph()
    {
        using var client = new OvmsTokenizeClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.TokenizeAsync("x", new OvmsTokenizeOptions { ModelId = "no/such-graph" }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("Mediapipe graph definition with requested name is not found", error.Message, StringComparison.Ordinal);
        Assert.Equal("OVMS", error.ServiceName);
    }

    [Fact]
    public async Task Does_not_retry_the_500_OVMS_answers_to_a_wrong_api_key()
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { OvmsApiKey = "right-key" });
        using var client = new OvmsTokenizeClient(new OvmsOptions { Endpoint = emulator.OvmsBaseUrl, ApiKey = "wrong-key" });

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.TokenizeAsync("x"));

        Assert.False(error.IsRetryable);
        Assert.Contains("OVMS refused the API key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passes_on_a_transient_server_error_as_retryable()
    {
        _fixture.Faults("v3/tokenize").FailNext(1, 503);
        using var client = new OvmsTokenizeClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.TokenizeAsync("x"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Refuses_an_empty_list_a_null_text_or_a_max_length_below_one_before_sending()
    {
        using var client = new OvmsTokenizeClient(_fixture.Options);

        await Assert.ThrowsAsync<ArgumentException>(() => client.TokenizeAsync(Array.Empty<string>()));
        var nullText = await Assert.ThrowsAsync<ArgumentException>(() => client.TokenizeAsync(["a", null!]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.TokenizeAsync("a", new OvmsTokenizeOptions { MaxLength = 0 }));

        Assert.Contains("Text 1", nullText.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_an_answer_with_a_token_list_missing()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v3/tokenize", () => Results.Json(new { tokens = new[] { new[] { 101, 102 }, new[] { 101, 102 } } })));
        using var client = new OvmsTokenizeClient(new OvmsOptions { Endpoint = server.BaseAddress });

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => client.TokenizeAsync(["a", "b", "c"]));

        Assert.Contains("2 token lists for 3 texts", error.Message, StringComparison.Ordinal);
    }
}
