namespace Providers.Emulator.Hosting;

/// <summary>What <c>providers-emulator --help</c> prints.</summary>
internal static class EmulatorHelp
{
    public const string Text = """
        providers-emulator: a loopback emulator of SV Ray, SV inference, SciBox, ColQwen, Spirit-GPU and OVMS,
        speaking each service's wire format, with fault injection. It prints every service's base URL and the
        credentials to send.

        Usage: providers-emulator [--urls URLS] [--fault SERVICE[/ROUTE]:SPEC]... [--Emulator:NAME=VALUE]...

        Options:
          --urls URLS                    Where to listen, separated by ';' (default http://127.0.0.1:5100; port 0 picks
                                         a free port). Loopback only: 127.0.0.1, [::1] or localhost; anything else is
                                         refused.
          --fault SERVICE[/ROUTE]:SPEC   Schedules faults at start; repeatable. SERVICE is sv-ray, sv-inference, scibox,
                                         colqwen, spirit or ovms; ROUTE is relative to the service's base URL (a trailing
                                         * matches a prefix); without ROUTE every route of the service.
          --Emulator:NAME=VALUE          Sets an emulator option, e.g. --Emulator:SciBoxApiKey=my-key,
                                         --Emulator:OvmsApiKey=secret, --Emulator:ReasoningField=reasoning_content,
                                         --Emulator:EmbeddingDimensions:my-model=512 (every option: docs/emulator.md).
          -h, --help                     Shows this help.

        Fault SPEC: faults separated by '|', each KIND[=VALUE] followed by ';NAME=VALUE' modifiers; count=N (default 1)
        works on every kind but rate-limit. A request header 'x-emulator-fault: SPEC' schedules the same for that
        request's service and route, applied to that request first (after authentication).
          status=CODE[;retry-after=S][;retry-after-ms=MS][;body=TEXT]
                             answers CODE in the service's error shape (or TEXT; TEXT cannot hold ';' or '|')
          html=CODE          answers with a reverse proxy's HTML error page
          delay=MS           waits before answering
          reset              sends half the body with the full Content-Length, then resets the connection
          reset=N            resets a stream's connection once N frames reached the client
          truncate=N         ends a stream after N frames without [DONE] / done:true
          error-frame=N      sends N frames, then one error frame in the service's shape
          malformed          answers 200 with the first half of the JSON body
          wrong-count        returns one vector too few (one too many for a single input)
          nan                puts a NaN into the first vector
          oversized[=BYTES]  pads the answer with whitespace to BYTES (default 64 MiB)
          rate-limit=CAPACITY/PER_SECOND
                             a token bucket: 429 in the service's shape with Retry-After once it is empty

        Example:
          providers-emulator --urls http://127.0.0.1:5100 --fault "scibox/v1/chat/completions:error-frame=3;count=100"

        """;
}
