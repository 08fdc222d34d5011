namespace NanoTcp.Sockets
{
    /// <summary>
    /// Turns a host name into an IPv4 address for <see cref="TcpClient.Connect(string, int)"/>.
    /// <see cref="DnsHostNameResolver"/> answers through the stack's DNS stub resolver (the firmware sets it);
    /// <see cref="NetworkPump.Resolver"/> is null by default, and then only dotted-decimal names connect.
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
