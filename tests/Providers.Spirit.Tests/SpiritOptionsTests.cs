namespace Providers.Spirit.Tests;

public sealed class SpiritOptionsTests
{
    [Fact]
    public void Defaults_to_the_public_endpoint_and_a_timeout_above_the_services_3_minute_wait()
    {
        var options = new SpiritOptions();

        Assert.Equal(SpiritOptions.DefaultEndpoint, options.Endpoint);
        Assert.True(options.Timeout > TimeSpan.FromMinutes(3));
    }

    [Fact]
    public void Names_each_missing_setting()
    {
        var errors = new SpiritJobClientOptions().GetValidationErrors().ToList();

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("SpiritJobClientOptions.ApiKey is required", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("SpiritJobClientOptions.ServerlessId is required", errors[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WebhookUrl")]
    [InlineData("DefaultTimeToLive")]
    [InlineData("PollInterval")]
    [InlineData("MaxPollInterval")]
    public void Names_a_setting_out_of_range(string setting)
    {
        var options = new SpiritJobClientOptions { ApiKey = "key", ServerlessId = "id" };
        switch (setting)
        {
            case "WebhookUrl": options.WebhookUrl = new Uri("/relative", UriKind.Relative); break;
            case "DefaultTimeToLive": options.DefaultTimeToLive = TimeSpan.FromHours(24); break;
            case "PollInterval": options.PollInterval = TimeSpan.Zero; break;
            default: options.MaxPollInterval = TimeSpan.FromMilliseconds(1); break;
        }

        string error = Assert.Single(options.GetValidationErrors());

        Assert.StartsWith($"SpiritJobClientOptions.{setting} ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_client_refuses_invalid_settings_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => new SpiritJobClient(new SpiritJobClientOptions { ServerlessId = "id" }));

        Assert.Contains("SpiritJobClientOptions.ApiKey is required", error.Message, StringComparison.Ordinal);
    }
}
