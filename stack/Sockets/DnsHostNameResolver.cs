using NanoTcp.Dns;

namespace NanoTcp.Sockets
{
    /// <summary>
    /// <see cref="IHostNameResolver"/> over the stack's DNS stub resolver (<see cref="NetworkStack.Dns"/>, RFC 1035):
    /// set it as <see cref="NetworkPump.Resolver"/> and <see cref="TcpClient.Connect(string, int)"/> takes names.
    /// The lookup starts under the pump's lock and the caller blocks until a pump step finishes it (answer, every
    /// retry timed out, or <c>timeoutMs</c> passed). The stack has one resolver: lookups through this object are
    /// serialised, and one started elsewhere meanwhile (the shell's <c>nslookup</c>) replaces a running one, which
    /// then fails with <see cref="TcpError.Unreachable"/>. Allocates only the returned <see cref="IPAddress"/>.
    /// </summary>
    public sealed class DnsHostNameResolver : IHostNameResolver
    {
        private const int MaxNameLength = 253; // RFC 1035 §2.3.4, in text form without the trailing dot
        private readonly NetworkPump _pump;
        private readonly byte[] _name = new byte[MaxNameLength];
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
            if (hostName == null || hostName.Length == 0 || hostName.Length > MaxNameLength) return TcpError.InvalidArgument;
            lock (_gate)
            {
                int length = hostName.Length;
                for (int i = 0; i < length; i++)
                {
                    char c = hostName[i];
                    if (c > 127) return TcpError.InvalidArgument;
                    _name[i] = (byte)c;
                }
                lock (_pump.SyncRoot)
                {
                    long deadline = _pump.DeadlineAfter(timeoutMs);
                    DnsResolver dns = _pump.Stack.Dns;
                    int status = dns.Resolve(_name, 0, length);
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
