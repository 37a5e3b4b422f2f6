using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace PartyGrid.Notifications.Delivery;

/// <summary>
/// Where webhooks may go: https only, and never to private, loopback, link-local, shared or multicast
/// addresses — checked when a subscription names its URL and again at every connection, on the
/// address actually connected to, so a name that later resolves inward is refused too.
/// <see cref="WebhookOptions.AllowPrivateTargets"/> lifts both for local runs and tests.
/// </summary>
public sealed class TargetGuard(IOptions<WebhookOptions> options)
{
    public bool AllowsPrivate => options.Value.AllowPrivateTargets;

    /// <summary>Why the URL is refused as a target, or null when it may be used.</summary>
    public string? Refusal(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url!.Length > 2000)
        {
            return "must be an absolute https URL of at most 2,000 characters";
        }

        if (!AllowsPrivate && uri.Scheme != "https")
        {
            return "must use https";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials";
        }

        if (AllowsPrivate)
        {
            return null;
        }

        return uri.IsLoopback || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
               || (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && IsInternal(address))
            ? "must not point at a private, loopback or link-local address"
            : null;
    }

    /// <summary>Connects to the first allowed address of the host; refuses when the host resolves only inward.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(a => AllowsPrivate || !IsInternal(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"The target {endpoint.Host} resolves only to addresses webhooks may not reach.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(allowed[0], endpoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 or >= 224
               || (b[0] == 169 && b[1] == 254)
               || (b[0] == 172 && b[1] is >= 16 and <= 31)
               || (b[0] == 192 && b[1] == 168)
               || (b[0] == 100 && b[1] is >= 64 and <= 127)
               || (b[0] == 192 && b[1] == 0 && b[2] == 0)
               || (b[0] == 198 && b[1] is 18 or 19);
    }
}
