using System.Net;

namespace Providers.Core.Tests.Errors;

public sealed class ProviderExceptionTests
{
    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public void Counts_throttling_timeouts_and_server_failures_as_transient(HttpStatusCode status)
    {
        Assert.True(ProviderException.IsTransientStatus(status));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.NotImplemented)]
    public void Counts_client_errors_and_unsupported_operations_as_permanent(HttpStatusCode status)
    {
        Assert.False(ProviderException.IsTransientStatus(status));
    }

    [Fact]
    public void ToString_names_the_service_status_code_request_and_inputs()
    {
        var error = new ProviderException("SciBox", "SciBox answered 429 (Too Many Requests): slow down")
        {
            StatusCode = HttpStatusCode.TooManyRequests,
            ErrorCode = "429",
            RequestId = "req-7",
            FailedInputs = new InputRange(50, 50),
        };

        string text = error.ToString();

        Assert.StartsWith("Providers.Core.ProviderException: SciBox answered 429 (Too Many Requests): slow down (service SciBox, HTTP 429, code 429, request req-7, inputs [50..100))", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_batch_names_its_inputs_and_keeps_the_cause_status_and_codes()
    {
        var cause = new ProviderException("OVMS", "OVMS answered 400 (Bad Request): Input length 2000 longer than allowed 1024")
        {
            StatusCode = HttpStatusCode.BadRequest,
            ErrorCode = "400",
            ErrorType = "BadRequestError",
            RequestId = "r1",
        };

        var error = new BatchFailedException("OVMS", new InputRange(100, 50), cause);

        Assert.Equal("The batch of inputs [100..150) sent to OVMS failed: OVMS answered 400 (Bad Request): Input length 2000 longer than allowed 1024", error.Message);
        Assert.Equal(new InputRange(100, 50), error.FailedInputs);
        Assert.Equal((HttpStatusCode.BadRequest, "400", "BadRequestError", "r1", false),
            (error.StatusCode!.Value, error.ErrorCode, error.ErrorType, error.RequestId, error.IsRetryable));
        Assert.Same(cause, error.InnerException);
    }

    [Fact]
    public void A_truncated_stream_is_retryable()
    {
        Assert.True(new StreamTruncatedException("SciBox", "ended early").IsRetryable);
    }

    [Fact]
    public void An_invalid_response_is_not_retryable()
    {
        Assert.False(new InvalidResponseException("SciBox", "3 vectors for 2 inputs").IsRetryable);
    }
}
