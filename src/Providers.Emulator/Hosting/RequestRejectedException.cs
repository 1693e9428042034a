using System.Text.Json.Nodes;

namespace Providers.Emulator.Hosting;

/// <summary>
/// A request a service refuses. The service's error shape renders <see cref="Exception.Message"/> with
/// <see cref="Status"/>, unless the service gives an exact <see cref="Body"/> (e.g. FastAPI's validation list).
/// </summary>
internal sealed class RequestRejectedException(int status, string message, JsonNode? body = null) : Exception(message)
{
    public int Status { get; } = status;

    public JsonNode? Body { get; } = body;
}
