using System.Net;
using System.Text.Json.Nodes;

namespace Providers.Emulator.Tests.Ovms;

public sealed class OvmsTokenizeTests : EmulatorTest
{
    private const string Model = "Alibaba-NLP/gte-large-en-v1.5";
    private const long Cls = 101;
    private const long Sep = 102;

    [Theory]
    [InlineData("v3/tokenize")]
    [InlineData("v3/v1/tokenize")]
    [InlineData("v1/tokenize")]
    public async Task Tokenizes_one_text_into_a_flat_list_framed_by_CLS_and_SEP(string path)
    {
        using var client = Client(EmulatedService.Ovms);

        var (response, body) = await PostAsync(client, path, $$"""{"model":"{{Model}}","text":"hello world"}""");
        var ids = Ids(body["tokens"]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, ids.Count);
        Assert.Equal(Cls, ids[0]);
        Assert.Equal(Sep, ids[^1]);
    }

    [Fact]
    public async Task Answers_a_one_item_list_with_a_flat_list_too()
    {
        using var client = Client(EmulatedService.Ovms);

        var single = await TokenizeAsync(client, "\"hello world\"");
        var listOfOne = await TokenizeAsync(client, """["hello world"]""");

        Assert.Equal(single.ToJsonString(), listOfOne.ToJsonString());
    }

    [Fact]
    public async Task Tokenizes_several_texts_into_one_unpadded_list_each()
    {
        using var client = Client(EmulatedService.Ovms);

        var tokens = await TokenizeAsync(client, """["hello big world","hi"]""");

        Assert.Equal(2, tokens.AsArray().Count);
        Assert.Equal(5, Ids(tokens[0]).Count);
        Assert.Equal(3, Ids(tokens[1]).Count);
    }

    [Fact]
    public async Task Gives_a_word_the_same_id_wherever_it_appears()
    {
        using var client = Client(EmulatedService.Ovms);

        var tokens = await TokenizeAsync(client, """["hello world","world peace"]""");

        Assert.Equal(Ids(tokens[0])[2], Ids(tokens[1])[1]);
        Assert.NotEqual(Ids(tokens[0])[1], Ids(tokens[1])[2]);
    }

    [Fact]
    public async Task Leaves_out_the_special_tokens_when_asked()
    {
        using var client = Client(EmulatedService.Ovms);

        var tokens = await TokenizeAsync(client, "\"hello world\"", ""","add_special_tokens":false""");

        Assert.Equal(2, Ids(tokens).Count);
        Assert.DoesNotContain(Cls, Ids(tokens));
    }

    [Fact]
    public async Task Counts_the_text_tokens_the_embeddings_usage_reports()
    {
        using var client = Client(EmulatedService.Ovms);
        const string Text = "internationalization is a long word";

        var tokens = await TokenizeAsync(client, $"\"{Text}\"", ""","add_special_tokens":false""");
        var (_, embeddings) = await PostAsync(client, "v3/embeddings", $$"""{"model":"{{Model}}","input":"{{Text}}"}""");

        Assert.Equal(embeddings["usage"]!["prompt_tokens"]!.GetValue<int>(), Ids(tokens).Count);
    }

    [Fact]
    public async Task Truncates_to_max_length_keeping_the_special_tokens()
    {
        using var client = Client(EmulatedService.Ovms);

        var truncated = await TokenizeAsync(client, "\"one two three four five\"", ""","max_length":4""");
        var firstTwoWords = await TokenizeAsync(client, "\"one two\"");

        Assert.Equal(Ids(firstTwoWords), Ids(truncated));
    }

    [Theory]
    [InlineData("left")]
    [InlineData("right")]
    public async Task Pads_to_max_length_on_the_side_asked(string side)
    {
        using var client = Client(EmulatedService.Ovms);

        var padded = Ids(await TokenizeAsync(client, "\"one two\"", $$""","pad_to_max_length":true,"max_length":6,"padding_side":"{{side}}" """));
        var unpadded = Ids(await TokenizeAsync(client, "\"one two\""));

        List<long> expected = side == "left" ? [0, 0, .. unpadded] : [.. unpadded, 0, 0];
        Assert.Equal(expected, padded);
    }

    [Theory]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5"}""", HttpStatusCode.BadRequest, "text field is required")]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5","text":[]}""", HttpStatusCode.BadRequest, "text array should not be empty")]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5","text":["a",1]}""", HttpStatusCode.BadRequest, "text must be homogeneous")]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5","text":[101,7592]}""", HttpStatusCode.BadRequest, "Input should be string or array of strings")]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5","text":"a","max_length":0}""", HttpStatusCode.BadRequest, "max_length should be greater than 0")]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5","text":"a","max_length":-1}""", HttpStatusCode.BadRequest, "max_length should be unsigned integer")]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5","text":"a","pad_to_max_length":"yes"}""", HttpStatusCode.BadRequest, "pad_to_max_length should be boolean")]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5","text":"a","padding_side":"middle"}""", HttpStatusCode.BadRequest, "padding_side should be either left or right")]
    [InlineData("""{"text":"a"}""", HttpStatusCode.PreconditionFailed, "model field is missing")]
    [InlineData("""{"model":"nope","text":"a"}""", HttpStatusCode.NotFound, "Mediapipe graph definition with requested name is not found")]
    public async Task Refuses_bad_tokenize_requests_with_OVMS_errors(string json, HttpStatusCode status, string message)
    {
        using var client = Client(EmulatedService.Ovms);

        var (response, body) = await PostAsync(client, "v3/tokenize", json);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonNode> TokenizeAsync(HttpClient client, string text, string extra = "")
    {
        var (response, body) = await PostAsync(client, "v3/tokenize", $$"""{"model":"{{Model}}","text":{{text}}{{extra}}}""");
        response.EnsureSuccessStatusCode();
        return body["tokens"]!;
    }

    private static List<long> Ids(JsonNode? tokens) => [.. tokens!.AsArray().Select(t => t!.GetValue<long>())];
}
