using NanoTcp;

namespace NanoTcp.Scenarios.Harness
{
    /// <summary>
    /// The one place the tests read the stack's introspection records (<see cref="TcpConnectionInfo"/>,
    /// <see cref="ArpEntryInfo"/>, the shell's netstat and arp data): the records' shape may change without
    /// touching a test. Everything here is public API; no test reads the stack's internals through it.
    /// </summary>
    public static class Introspection
    {
        /// <summary>The record of the connection with <paramref name="handle"/>; null when no slot holds it.</summary>
        public static TcpConnectionInfo Connection(NetworkStack stack, int handle)
        {
            var info = new TcpConnectionInfo();
            for (int i = 0; i < stack.ConnectionSlotCount; i++)
                if (stack.GetConnectionInfo(i, info) && info.Handle == handle) return info;
            return null;
        }

        /// <summary>The record of the live connection (state not Closed) matching the 4-tuple; null when none.</summary>
        public static TcpConnectionInfo Connection(NetworkStack stack, int localPort, uint remoteIp, int remotePort)
        {
            var info = new TcpConnectionInfo();
            for (int i = 0; i < stack.ConnectionSlotCount; i++)
                if (stack.GetConnectionInfo(i, info) && info.LocalPort == localPort && info.RemoteIp == remoteIp
                    && info.RemotePort == remotePort && info.State != TcpState.Closed)
                    return info;
            return null;
        }

        /// <summary>The remote ports of every slot in <paramref name="state"/>.</summary>
        public static int[] RemotePortsIn(NetworkStack stack, TcpState state)
        {
            var ports = new System.Collections.Generic.List<int>();
            var info = new TcpConnectionInfo();
            for (int i = 0; i < stack.ConnectionSlotCount; i++)
                if (stack.GetConnectionInfo(i, info) && info.State == state) ports.Add(info.RemotePort);
            return ports.ToArray();
        }

        /// <summary>The ARP cache entry for <paramref name="ip"/>; null when the cache holds none.</summary>
        public static ArpEntryInfo ArpEntry(NetworkStack stack, uint ip)
        {
            var entry = new ArpEntryInfo();
            for (int i = 0; i < stack.ArpEntryCount; i++)
                if (stack.GetArpEntry(i, entry) && entry.Ip == ip) return entry;
            return null;
        }

        /// <summary>How many valid entries the ARP cache holds.</summary>
        public static int ArpEntries(NetworkStack stack)
        {
            var entry = new ArpEntryInfo();
            int n = 0;
            for (int i = 0; i < stack.ArpEntryCount; i++)
                if (stack.GetArpEntry(i, entry)) n++;
            return n;
        }
    }
}
