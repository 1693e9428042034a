namespace Providers.Core.Tests.Http;

public sealed class ServiceAuthenticationTests
{
    [Fact]
    public void Bearer_sends_the_token_with_the_Bearer_scheme()
    {
        using var request = new HttpRequestMessage();

        ServiceAuthentication.Bearer("sk-123").Apply(request.Headers);

        Assert.Equal("Bearer sk-123", request.Headers.Authorization!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_bearer_token_sends_no_credentials(string? token)
    {
        using var request = new HttpRequestMessage();

        var authentication = ServiceAuthentication.Bearer(token);
        authentication.Apply(request.Headers);

        Assert.Same(ServiceAuthentication.None, authentication);
        Assert.Null(request.Headers.Authorization);
    }

    [Fact]
    public void ToString_never_shows_the_secret()
    {
        Assert.Equal(("Bearer ***", "none"), (
            ServiceAuthentication.Bearer("sk-123").ToString(),
            ServiceAuthentication.None.ToString()));
    }

    [Fact]
    public void Redact_removes_every_occurrence_of_the_secret()
    {
        string text = ServiceAuthentication.Bearer("sk-123").Redact("key sk-123 is invalid (sk-123)");

        Assert.Equal("key *** is invalid (***)", text);
    }
}
