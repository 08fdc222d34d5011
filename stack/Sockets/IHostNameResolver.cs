namespace NanoTcp.Sockets
{
    /// <summary>
    /// Turns a host name into an IPv4 address for <see cref="TcpClient.Connect(string, int)"/>. The seam for a DNS
    /// client (RFC 1035); none is built in yet, so <see cref="NetworkPump.Resolver"/> is null by default and only
    /// dotted-decimal names connect.
    /// </summary>
    public interface IHostNameResolver
    {
        /// <summary>
        /// Resolves <paramref name="hostName"/> within <paramref name="timeoutMs"/> (-1 = no limit). Called on the
        /// caller's thread without the pump's lock. Returns 0 and the address, or a negative TcpError code.
        /// </summary>
        int Resolve(string hostName, int timeoutMs, out IPAddress address);
    }
}
