using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Http;

public sealed class ServiceClientOptionsTests
{
    [Fact]
    public void Requires_an_endpoint_naming_the_setting()
    {
        var options = new LoopbackOptions { ApiKey = "k" };

        Assert.Equal(["LoopbackOptions.Endpoint is required: set it to the service's base URL."], options.GetValidationErrors());
    }

    [Theory]
    [InlineData("ftp://10.0.0.1/")]
    [InlineData("file:///srv/models")]
    public void Requires_an_http_or_https_endpoint(string endpoint)
    {
        var options = new LoopbackOptions { ApiKey = "k", Endpoint = new Uri(endpoint) };

        Assert.Equal([$"LoopbackOptions.Endpoint must be an absolute http or https URL; got '{endpoint}'."], options.GetValidationErrors());
    }

    [Fact]
    public void Requires_an_absolute_endpoint()
    {
        var options = new LoopbackOptions { ApiKey = "k", Endpoint = new Uri("v1/embeddings", UriKind.Relative) };

        Assert.Equal(["LoopbackOptions.Endpoint must be an absolute http or https URL; got 'v1/embeddings'."], options.GetValidationErrors());
    }

    [Fact]
    public void Requires_a_positive_timeout()
    {
        var options = new LoopbackOptions { ApiKey = "k", Endpoint = new Uri("http://127.0.0.1:8000"), Timeout = TimeSpan.Zero };

        Assert.Equal(["LoopbackOptions.Timeout must be positive and at most 24.20:31:23 (days.hours:minutes:seconds), or -00:00:00.0010000 for no limit; got 00:00:00. Write it as a TimeSpan, e.g. \"00:01:00\" for one minute: a bare number such as \"60\" reads as days."], options.GetValidationErrors());
    }

    // Issue 11 item 11: 60 days passed validation, and the first call threw ArgumentOutOfRangeException from CancelAfter.
    [Theory]
    [InlineData(nameof(ServiceClientOptions.Timeout))]
    [InlineData(nameof(ServiceClientOptions.IdleTimeout))]
    public void Refuses_a_wait_longer_than_a_cancellation_timer_accepts_naming_the_setting_and_the_format(string setting)
    {
        var options = new LoopbackOptions { ApiKey = "k", Endpoint = new Uri("http://127.0.0.1:8000") };
        typeof(LoopbackOptions).GetProperty(setting)!.SetValue(options, TimeSpan.FromDays(60));

        string error = Assert.Single(options.GetValidationErrors());

        Assert.StartsWith($"LoopbackOptions.{setting} must be positive and at most 24.20:31:23", error, StringComparison.Ordinal);
        Assert.Contains("got 60.00:00:00", error, StringComparison.Ordinal);
        Assert.Contains("\"00:01:00\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_the_longest_wait_a_cancellation_timer_takes()
    {
        var options = new LoopbackOptions { ApiKey = "k", Endpoint = new Uri("http://127.0.0.1:8000"), Timeout = ServiceClientOptions.MaxWait, IdleTimeout = ServiceClientOptions.MaxWait };

        Assert.Empty(options.GetValidationErrors());
    }

    [Fact]
    public void A_client_built_directly_with_a_60_day_timeout_fails_naming_the_setting_and_the_options_it_was_given()
    {
        var options = new LoopbackOptions { ApiKey = "k", Endpoint = new Uri("http://127.0.0.1:8000"), Timeout = TimeSpan.FromDays(60) };

        var error = Assert.Throws<ArgumentException>(() => options.CreateServiceClient("Loopback", httpClient: null));

        Assert.StartsWith("LoopbackOptions.Timeout must be positive and at most 24.20:31:23", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(the options passed to the Loopback client)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_an_infinite_timeout()
    {
        var options = new LoopbackOptions { ApiKey = "k", Endpoint = new Uri("http://127.0.0.1:8000"), Timeout = Timeout.InfiniteTimeSpan };

        Assert.Empty(options.GetValidationErrors());
    }

    [Fact]
    public void ThrowIfInvalid_names_every_problem_including_the_providers_own()
    {
        var options = new LoopbackOptions { Timeout = TimeSpan.FromSeconds(-1) };

        var error = Assert.Throws<ArgumentException>(() => options.ThrowIfInvalid());

        Assert.Equal(
            "LoopbackOptions.Endpoint is required: set it to the service's base URL. LoopbackOptions.Timeout must be positive and at most 24.20:31:23 (days.hours:minutes:seconds), or -00:00:00.0010000 for no limit; got -00:00:01. Write it as a TimeSpan, e.g. \"00:01:00\" for one minute: a bare number such as \"60\" reads as days. LoopbackOptions.ApiKey is required.",
            error.Message);
    }

    [Theory]
    [InlineData("http://ray.example.internal:8123", "http://ray.example.internal:8123/")]
    [InlineData("http://ray.example.internal:8123/embed-text", "http://ray.example.internal:8123/embed-text/")]
    [InlineData("https://api.example.test/v1/", "https://api.example.test/v1/")]
    public void Gives_a_base_address_ending_with_a_slash(string endpoint, string expected)
    {
        var options = new LoopbackOptions { ApiKey = "k", Endpoint = new Uri(endpoint) };

        Assert.Equal(new Uri(expected), options.GetBaseAddress());
    }

    [Fact]
    public void Starts_with_the_services_model_and_requires_one_naming_the_options_type()
    {
        var options = new ModelOptions { Endpoint = new Uri("http://127.0.0.1:8000") };
        Assert.Equal("served-model", options.ModelId);

        options.ModelId = " ";

        Assert.Equal(["ModelOptions.ModelId must not be empty."], options.GetValidationErrors());
    }

    private sealed class ModelOptions() : ModelServiceOptions("served-model");
}
