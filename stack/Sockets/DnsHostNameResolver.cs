using NanoTcp.Dns;

namespace NanoTcp.Sockets
{
    /// <summary>
    /// <see cref="IHostNameResolver"/> over the stack's DNS stub resolver (<see cref="NetworkStack.Dns"/>, RFC 1035):
    /// set it as <see cref="NetworkPump.Resolver"/> and <see cref="TcpClient.Connect(string, int)"/> takes names.
    /// The lookup starts under the pump's lock and the caller blocks until a pump step finishes it (answer, every
    /// retry timed out, or <c>timeoutMs</c> passed). The stack has one resolver: lookups through this object are
    /// serialised, and one started elsewhere meanwhile (the shell's <c>nslookup</c>) replaces a running one, which
    /// then fails with <see cref="TcpError.Unreachable"/>. Allocates only the returned <see cref="IPAddress"/>; the
    /// name is copied into the resolver's own buffer.
    /// </summary>
    public sealed class DnsHostNameResolver : IHostNameResolver
    {
        private readonly NetworkPump _pump;
        private readonly PumpWaiter _waiter = new PumpWaiter();
        private readonly object _gate = new object();

        /// <summary>Creates the resolver for <paramref name="pump"/>'s stack.</summary>
        public DnsHostNameResolver(NetworkPump pump)
        {
            if (pump == null) throw new System.ArgumentNullException("pump");
            _pump = pump;
        }

        /// <inheritdoc />
        public int Resolve(string hostName, int timeoutMs, out IPAddress address)
        {
            address = null;
            if (hostName == null || hostName.Length == 0) return TcpError.InvalidArgument;
            lock (_gate)
            {
                lock (_pump.SyncRoot)
                {
                    long deadline = _pump.DeadlineAfter(timeoutMs);
                    DnsResolver dns = _pump.Stack.Dns;
                    int status = dns.Resolve(hostName);
                    if (status == DnsStatus.Pending) _pump.Wake();
                    while (status == DnsStatus.Pending)
                    {
                        if (!_pump.Wait(_waiter, deadline))
                        {
                            dns.Cancel();
                            return TcpError.TimedOut;
                        }
                        status = dns.Status;
                    }
                    if (status == DnsStatus.InvalidName) return TcpError.InvalidArgument;
                    if (status != DnsStatus.Resolved) return TcpError.Unreachable;
                    address = new IPAddress(dns.Address);
                    return TcpError.None;
                }
            }
        }
    }
}
