using Microsoft.AspNetCore.WebUtilities;

namespace Providers.Emulator.Faults;

/// <summary>The HTML page a reverse proxy (nginx) answers with when the model server behind it is unwell.</summary>
internal static class HtmlErrorPages
{
    public static string For(int status)
    {
        var title = $"{status} {ReasonPhrases.GetReasonPhrase(status)}".TrimEnd();
        return $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }
}
