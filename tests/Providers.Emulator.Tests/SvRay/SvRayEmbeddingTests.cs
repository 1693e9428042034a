using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Providers.Emulator.Tests.SvRay;

public sealed class SvRayEmbeddingTests : EmulatorTest
{
    [Fact]
    public async Task Embeds_texts_in_the_OpenAI_envelope_with_the_models_dimension()
    {
        using var client = Client(EmulatedService.SvRay);

        var (_, body) = await PostAsync(client, "embed-text/v1/embeddings", """{"model":"sentence-transformers/all-MiniLM-L6-v2","input":["a","b","c"]}""");

        Assert.Equal("list", body["object"]!.GetValue<string>());
        Assert.Equal([0, 1, 2], body["data"]!.AsArray().Select(d => d!["index"]!.GetValue<int>()));
        Assert.All(body["data"]!.AsArray(), d => Assert.Equal(384, d!["embedding"]!.AsArray().Count));
    }

    [Fact]
    public async Task Refuses_a_model_it_does_not_serve_with_a_FastAPI_detail()
    {
        using var client = Client(EmulatedService.SvRay);

        var (response, body) = await PostAsync(client, "embed-text/v1/embeddings", """{"model":"unknown/model","input":["a"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown/model", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_a_missing_input_with_a_FastAPI_validation_list()
    {
        using var client = Client(EmulatedService.SvRay);

        var (response, body) = await PostAsync(client, "embed-text/v1/embeddings", """{"model":"sentence-transformers/all-MiniLM-L6-v2"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("""["body","input"]""", body["detail"]![0]!["loc"]!.ToJsonString());
    }

    [Fact]
    public async Task Embeds_images_first_then_texts_telling_them_apart_automatically()
    {
        using var client = Client(EmulatedService.SvRay);
        var red = TestImages.Base64(32, 32, SKColors.Red);
        var request = new JsonObject
        {
            ["model"] = "google/siglip2-base-patch16-224",
            ["input_type"] = "auto",
            ["input"] = new JsonArray(red, TestImages.Base64(32, 32, SKColors.Blue), red, "a red square"),
        };

        var body = await ReadJsonAsync(await client.PostAsync("embed-image/v1/embeddings", Json(request)));
        var v = body["data"]!.AsArray().Select(d => Vectors.Of(d!["embedding"])).ToList();

        Assert.Equal(4, v.Count);
        Assert.All(v, e => Assert.Equal(768, e.Length));
        Assert.Equal(v[0], v[2]);
        Assert.True(Vectors.Cosine(v[0], v[1]) < 0.99);
    }

    [Fact]
    public async Task Refuses_a_non_image_when_input_type_is_image()
    {
        using var client = Client(EmulatedService.SvRay);

        var (response, body) = await PostAsync(client, "embed-image/v1/embeddings", """{"model":"google/siglip2-base-patch16-224","input_type":"image","input":["not an image"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("input[0]", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gives_one_vector_per_word_so_equal_words_match_exactly()
    {
        using var client = Client(EmulatedService.SvRay);

        var (_, body) = await PostAsync(client, "embed-text/v1/multivector-embeddings", """
            {"model":"lightonai/GTE-ModernColBERT-v1","input":["solar power","power plants use solar panels"],"is_query":true}
            """);
        var query = body["data"]![0]!["embedding"]!.AsArray().Select(Vectors.Of).ToList();
        var passage = body["data"]![1]!["embedding"]!.AsArray().Select(Vectors.Of).ToList();

        Assert.Equal(2, query.Count);
        Assert.Equal(5, passage.Count);
        Assert.All(query, q => Assert.Equal(128, q.Length));
        Assert.InRange(Vectors.Cosine(query[0], passage[3]), 0.999, 1.001);
        Assert.InRange(Vectors.Cosine(query[0], passage[1]), -0.5, 0.5);
    }

    [Fact]
    public async Task Gives_page_images_one_vector_per_merged_patch()
    {
        using var client = Client(EmulatedService.SvRay);
        var request = new JsonObject { ["model"] = "vidore/colqwen2.5-v0.2", ["input"] = new JsonArray(TestImages.Base64(512, 512, SKColors.White)) };

        var body = await ReadJsonAsync(await client.PostAsync("embed-image/v1/multivector-embeddings", Json(request)));

        Assert.Equal(18 * 18, body["data"]![0]!["embedding"]!.AsArray().Count);
    }

    [Fact]
    public async Task Refuses_more_than_eight_page_images_in_one_request()
    {
        using var client = Client(EmulatedService.SvRay);
        var image = TestImages.Base64(28, 28, SKColors.White);
        var request = new JsonObject { ["model"] = "vidore/colqwen2.5-v0.2", ["input"] = new JsonArray([.. Enumerable.Repeat(image, 9).Select(i => (JsonNode)i)]) };

        var response = await client.PostAsync("embed-image/v1/multivector-embeddings", Json(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
