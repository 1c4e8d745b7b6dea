using System.Net.Sockets;
using System.Text;

namespace Feed.Server.Tests;

/// <summary>Requests no well-behaved client would send, written byte for byte on a socket.</summary>
internal static class RawHttp
{
    /// <param name="untilClosed">
    /// Read until the server closes the connection (send <c>Connection: close</c>), not until the
    /// headers' Content-Length is met: to see bytes a server must not send, such as a body after HEAD.
    /// </param>
    public static async Task<(int Status, string Response)> SendAsync(Uri server, string request, bool untilClosed = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var response = new StringBuilder();
        var buffer = new char[8192];
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            int read;
            while ((read = await reader.ReadAsync(buffer, timeout.Token)) > 0)
            {
                response.Append(buffer, 0, read);
                if (!untilClosed && IsComplete(response.ToString()))
                    break;
            }
        }
        catch (IOException)
        {
            // the server closed the connection after answering: expected for bad requests
        }
        var text = response.ToString();
        var status = text.Length >= 12 ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (status, text);
    }

    static bool IsComplete(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
            return false;
        var headers = response[..end];
        var length = headers.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (length is null)
            return headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase) ? response.EndsWith("0\r\n\r\n", StringComparison.Ordinal) : true;
        return response.Length - end - 4 >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
