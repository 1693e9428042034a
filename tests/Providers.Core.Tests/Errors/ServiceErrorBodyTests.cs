using System.Text.Json;

namespace Providers.Core.Tests.Errors;

public sealed class ServiceErrorBodyTests
{
    [Theory]
    [InlineData("""{"error":{"message":"litellm.RateLimitError: No deployments available","type":"None","param":"None","code":"429"}}""",
        "litellm.RateLimitError: No deployments available", "429", null)]
    [InlineData("""{"error":{"message":"litellm.AuthenticationError: bad key","type":"auth_error","param":"None","code":401}}""",
        "litellm.AuthenticationError: bad key", "401", "auth_error")]
    [InlineData("""{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""",
        "Incorrect API key provided", "invalid_api_key", "invalid_request_error")]
    public void Reads_OpenAI_and_LiteLLM_errors_with_string_or_number_codes_and_None_placeholders(string body, string message, string code, string? type)
    {
        var error = ServiceErrorBody.Parse(body);

        Assert.Equal(new ServiceErrorBody(message, code, type), error);
    }

    [Fact]
    public void Reads_the_current_vLLM_error_shape()
    {
        var error = ServiceErrorBody.Parse(
            """{"error":{"message":"At most 1 image(s) may be provided in one prompt.","type":"BadRequestError","param":null,"code":400}}""");

        Assert.Equal(new ServiceErrorBody("At most 1 image(s) may be provided in one prompt.", "400", "BadRequestError"), error);
    }

    [Fact]
    public void Reads_the_older_vLLM_error_shape()
    {
        var error = ServiceErrorBody.Parse(
            """{"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","param":null,"code":404}""");

        Assert.Equal(new ServiceErrorBody("The model `x` does not exist.", "404", "NotFoundError"), error);
    }

    [Fact]
    public void Reads_a_FastAPI_detail_string()
    {
        var error = ServiceErrorBody.Parse("""{"detail":"File page.pdf is not an image"}""");

        Assert.Equal(new ServiceErrorBody("File page.pdf is not an image", null, null), error);
    }

    [Fact]
    public void Reads_a_FastAPI_validation_list_naming_each_location()
    {
        var error = ServiceErrorBody.Parse(
            """{"detail":[{"loc":["body","queries"],"msg":"Field required","type":"missing"},{"loc":["body","dimensions",0,"width"],"msg":"Input should be a valid integer","type":"int_parsing"}]}""");

        Assert.Equal("body.queries: Field required; body.dimensions.0.width: Input should be a valid integer", error.Message);
    }

    [Theory]
    [InlineData("""{"error":"Mediapipe graph definition with requested name is not found"}""", "Mediapipe graph definition with requested name is not found")]
    [InlineData("""{"error":"not enough gpu now, please try again later"}""", "not enough gpu now, please try again later")]
    public void Reads_the_OVMS_and_Spirit_error_string(string body, string message)
    {
        var error = ServiceErrorBody.Parse(body);

        Assert.Equal(new ServiceErrorBody(message, null, null), error);
    }

    [Fact]
    public void Takes_a_plain_text_body_as_the_message()
    {
        var error = ServiceErrorBody.Parse("Internal Server Error\n");

        Assert.Equal(new ServiceErrorBody("Internal Server Error", null, null), error);
    }

    [Fact]
    public void Shortens_a_long_plain_text_body()
    {
        var error = ServiceErrorBody.Parse(new string('x', 5000));

        Assert.Equal(501, error.Message!.Length);
        Assert.EndsWith("…", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describes_an_HTML_page_by_its_title_instead_of_quoting_it()
    {
        var error = ServiceErrorBody.Parse(
            "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>");

        Assert.Equal("an HTML page (502 Bad Gateway) instead of an API error", error.Message);
    }

    [Fact]
    public void Quotes_JSON_that_has_no_known_error_field_as_text()
    {
        var error = ServiceErrorBody.Parse("""{"status":"broken"}""");

        Assert.Equal("""{"status":"broken"}""", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData(null)]
    public void Finds_nothing_in_an_empty_body(string? body)
    {
        var error = ServiceErrorBody.Parse(body);

        Assert.Equal(new ServiceErrorBody(null, null, null), error);
    }

    [Theory]
    [InlineData("""{"id":"c1","choices":[{"delta":{"content":"error"}}]}""")]
    [InlineData("""[{"error":"in an array"}]""")]
    [InlineData("\"error\"")]
    public void Does_not_mistake_data_for_an_error_object(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Null(ServiceErrorBody.FromJson(document.RootElement));
    }
}
