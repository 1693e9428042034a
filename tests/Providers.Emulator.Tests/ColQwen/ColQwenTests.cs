using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Providers.Emulator.Tests.ColQwen;

public sealed class ColQwenTests : EmulatorTest
{
    [Fact]
    public async Task Reports_info_with_dim_128()
    {
        using var client = Client(EmulatedService.ColQwen);

        var info = await ReadJsonAsync(await client.GetAsync("info"));
        var root = await ReadJsonAsync(await client.GetAsync(string.Empty));
        var health = await ReadJsonAsync(await client.GetAsync("health"));

        Assert.Equal(128, info["dim"]!.GetValue<int>());
        Assert.Equal(151655, info["image_token_id"]!.GetValue<int>());
        Assert.Equal("ColQwen2.5 Embedding API", root["message"]!.GetValue<string>());
        Assert.Equal("healthy", health["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(1024, 768, 32, 24)]
    [InlineData(512, 512, 18, 18)]
    [InlineData(10, 10, 2, 2)]
    [InlineData(2480, 3508, 23, 32)]
    public async Task Computes_patches_with_the_smart_resize_formula(int width, int height, int patchesX, int patchesY)
    {
        using var client = Client(EmulatedService.ColQwen);

        var (_, body) = await PostAsync(client, "patches", $$"""{"dimensions":[{"width":{{width}},"height":{{height}}}]}""");
        var result = body["results"]![0]!;

        Assert.Equal(patchesX, result["n_patches_x"]!.GetValue<int>());
        Assert.Equal(patchesY, result["n_patches_y"]!.GetValue<int>());
    }

    [Fact]
    public async Task Fails_a_patches_request_with_a_bad_item_as_a_plain_text_500()
    {
        using var client = Client(EmulatedService.ColQwen);

        var response = await client.PostAsync("patches", Json("""{"dimensions":[{"width":1024,"height":768},{"width":5}]}"""));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Internal Server Error", await response.Content.ReadAsStringAsync());
    }

    // Expected items: the service's per-item try in app.py around colpali's get_n_patches (transformers'
    // smart_resize): ZeroDivisionError for a zero side, its ValueError for a ratio over 200 (str(float) is "300.0").
    [Fact]
    public async Task Answers_impossible_patch_sizes_with_200_and_the_items_own_error()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (response, body) = await PostAsync(client, "patches", """{"dimensions":[{"width":1,"height":300},{"width":0,"height":100},{"width":1024,"height":768}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"results":[{"width":1,"height":300,"error":"absolute aspect ratio must be smaller than 200, got 300.0"},"""
            + """{"width":0,"height":100,"error":"division by zero"},{"width":1024,"height":768,"n_patches_x":32,"n_patches_y":24}]}""",
            body.ToJsonString());
    }

    // Expected body: pydantic v2's lax int on dict[str, int] values, as FastAPI lists it (no "url").
    [Fact]
    public async Task Answers_a_size_that_is_not_an_integer_with_a_422_validation_list()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (response, body) = await PostAsync(client, "patches", """{"dimensions":[{"width":"abc","height":"768"},{"width":2.5,"height":null}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            """{"detail":[{"type":"int_parsing","loc":["body","dimensions",0,"width"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"abc"},"""
            + """{"type":"int_from_float","loc":["body","dimensions",1,"width"],"msg":"Input should be a valid integer, got a number with a fractional part","input":2.5},"""
            + """{"type":"int_type","loc":["body","dimensions",1,"height"],"msg":"Input should be a valid integer","input":null}]}""",
            body.ToJsonString());
    }

    // Expected body: FastAPI's handler for json.JSONDecodeError (loc = ["body", e.pos], ctx.error = e.msg).
    [Theory]
    [InlineData("patches", "not json", 0, "Expecting value")]
    [InlineData("embed/queries", """{"queries":["a"]} x""", 18, "Extra data")]
    [InlineData("embed/queries", """{queries: 1}""", 1, "Expecting property name enclosed in double quotes")]
    public async Task Answers_a_body_that_is_not_JSON_with_a_422_validation_list(string route, string text, int position, string error)
    {
        using var client = Client(EmulatedService.ColQwen);

        var (response, body) = await PostAsync(client, route, text);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            $$$"""{"detail":[{"type":"json_invalid","loc":["body",{{{position}}}],"msg":"JSON decode error","input":{},"ctx":{"error":"{{{error}}}"}}]}""",
            body.ToJsonString());
    }

    // Expected body: pydantic's smart-mode union error for Union[str, List[str]] reports every member's failure.
    [Fact]
    public async Task Answers_queries_that_are_not_strings_with_each_union_members_error()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (response, body) = await PostAsync(client, "embed/queries", """{"queries":["a",7]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            """{"detail":[{"type":"string_type","loc":["body","queries","str"],"msg":"Input should be a valid string","input":["a",7]},"""
            + """{"type":"string_type","loc":["body","queries","list[str]",1],"msg":"Input should be a valid string","input":7}]}""",
            body.ToJsonString());
    }

    [Fact]
    public async Task Answers_GET_on_a_POST_route_with_Starlettes_405()
    {
        using var client = Client(EmulatedService.ColQwen);

        var response = await client.GetAsync("embed/queries");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", string.Join(",", response.Content.Headers.Allow));
        Assert.Equal("""{"detail":"Method Not Allowed"}""", (await ReadJsonAsync(response)).ToJsonString());
    }

    // Expected detail: app.py's 500 wrapper around Pillow's ImageFile.load ("image file is truncated" for a PNG whose
    // data ends inside its IDAT chunk).
    [Fact]
    public async Task Answers_a_truncated_image_with_the_services_500()
    {
        using var client = Client(EmulatedService.ColQwen);
        var png = TestImages.Noise(64, 64);
        using var form = new MultipartFormDataContent { { TestImages.PngPart(png[..(png.Length * 2 / 3)]), "files", "cut.png" } };

        var response = await client.PostAsync("embed/images", form);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Error generating image embeddings: image file is truncated", (await ReadJsonAsync(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answers_a_file_that_is_no_image_with_the_services_500()
    {
        using var client = Client(EmulatedService.ColQwen);
        using var form = new MultipartFormDataContent { { TestImages.PngPart("not an image"u8.ToArray()), "files", "fake.png" } };

        var response = await client.PostAsync("embed/images", form);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("Error generating image embeddings: cannot identify image file <_io.BytesIO object at 0x", (await ReadJsonAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Left_pads_a_query_batch_with_zero_rows()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (_, body) = await PostAsync(client, "embed/queries", """{"queries":["one two three four","one"]}""");
        var longer = body["embeddings"]![0]!.AsArray().Select(Vectors.Of).ToList();
        var shorter = body["embeddings"]![1]!.AsArray().Select(Vectors.Of).ToList();

        Assert.Equal(longer.Count, shorter.Count);
        Assert.Equal(1 + 4 + 10, longer.Count);
        Assert.All(shorter.Take(3), row => Assert.All(row, x => Assert.Equal(0f, x)));
        Assert.InRange(Vectors.Norm(shorter[3]), 0.99, 1.01);
        Assert.Equal(longer[1], shorter[4]);
    }

    [Fact]
    public async Task Takes_a_single_query_string()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (_, body) = await PostAsync(client, "embed/queries", """{"queries":"hello"}""");

        Assert.Single(body["embeddings"]!.AsArray());
    }

    [Fact]
    public async Task Answers_an_empty_query_list_with_a_500_wrapping_the_400()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (response, body) = await PostAsync(client, "embed/queries", """{"queries":[]}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Error generating query embeddings: 400: No queries provided", body["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answers_missing_queries_with_a_422_validation_list()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (response, body) = await PostAsync(client, "embed/queries", "{}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("missing", body["detail"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Embeds_images_with_the_patch_span_counted_in_the_padded_sequence()
    {
        using var client = Client(EmulatedService.ColQwen);
        using var form = new MultipartFormDataContent();
        form.Add(TestImages.PngPart(TestImages.Encode(1024, 768, SKColors.White)), "files", "page1.png");
        form.Add(TestImages.PngPart(TestImages.Encode(512, 512, SKColors.Black)), "files", "page2.png");

        var body = await ReadJsonAsync(await client.PostAsync("embed/images", form));
        var first = body["embeddings"]![0]!;
        var second = body["embeddings"]![1]!;
        var secondRows = second["embedding"]!.AsArray().Select(Vectors.Of).ToList();

        Assert.Equal(4 + 768 + 7, first["embedding"]!.AsArray().Count);
        Assert.Equal(4, first["image_patch_start"]!.GetValue<int>());
        Assert.Equal(768, first["image_patch_len"]!.GetValue<int>());
        Assert.Equal(779, secondRows.Count);
        Assert.Equal(324, second["image_patch_len"]!.GetValue<int>());
        Assert.Equal(779 - 335 + 4, second["image_patch_start"]!.GetValue<int>());
        Assert.All(secondRows.Take(779 - 335), row => Assert.All(row, x => Assert.Equal(0f, x)));
    }

    [Fact]
    public async Task Refuses_a_part_that_is_not_an_image()
    {
        using var client = Client(EmulatedService.ColQwen);
        var text = new ByteArrayContent("hello"u8.ToArray());
        text.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var form = new MultipartFormDataContent { { text, "files", "notes.txt" } };

        var response = await client.PostAsync("embed/images", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("File notes.txt is not an image", (await ReadJsonAsync(response))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answers_a_request_without_files_with_a_422()
    {
        using var client = Client(EmulatedService.ColQwen);
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };

        var response = await client.PostAsync("embed/images", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("""["body","files"]""", (await ReadJsonAsync(response))["detail"]![0]!["loc"]!.ToJsonString());
    }
}

public sealed class ColQwenNewerColpaliTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { ColQwenQueryPrefix = false };

    [Fact]
    public async Task Drops_the_query_prefix_like_newer_colpali()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (_, body) = await PostAsync(client, "embed/queries", """{"queries":["one two"]}""");

        Assert.Equal(2 + 10, body["embeddings"]![0]!.AsArray().Count);
    }
}
