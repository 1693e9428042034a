namespace Providers.Emulator.OpenAi;

/// <summary>A request a service refuses: the status and message the service's error shape will carry.</summary>
internal sealed class RequestRejectedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
