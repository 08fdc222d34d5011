using NanoTcp.Dhcp;
using NanoTcp.Dns;
using NanoTcp.Mdns;
using NanoTcp.Sntp;

namespace NanoTcp.Udp
{
    /// <summary>
    /// The LAN services the stack owns (DHCP, DNS, mDNS, SNTP): created from <see cref="StackConfig.Lan"/>, their
    /// timers run from <see cref="NetworkStack.Poll"/>, whose deadline includes theirs.
    /// </summary>
    internal sealed class LanServices
    {
        public readonly DhcpClient Dhcp;
        public readonly DnsResolver Dns;
        public readonly MdnsResponder Mdns;
        public readonly SntpClient Sntp;

        /// <summary>UDP bindings the services take (each binds one port; the resolver always exists).</summary>
        public static int BindingCount(LanConfig lan)
        {
            int n = 1;
            if (lan.Dhcp) n++;
            if (lan.Mdns) n++;
            if (lan.Sntp) n++;
            return n;
        }

        public LanServices(UdpLayer udp, StackConfig config)
        {
            LanConfig lan = config.Lan;
            Dns = new DnsResolver(udp, lan);
            if (lan.Sntp) Sntp = new SntpClient(udp, lan);
            if (lan.Mdns)
            {
                Mdns = new MdnsResponder(udp, lan.HostName);
                Mdns.Bind();
            }
            if (lan.Dhcp)
            {
                // The static address becomes the fallback: start without one (RFC 2131 §4.1: DISCOVER from 0.0.0.0).
                udp.Output.SetAddress(0, 0, 0);
                Dhcp = new DhcpClient(udp, config);
                udp.Dhcp = Dhcp;
                udp.Output.ArpObserver = Dhcp;
                if (Dhcp.Bind()) Dhcp.Start();
            }
        }

        /// <summary>Runs the services' timers (retransmissions, lease, probes); returns their earliest deadline.</summary>
        public long Poll(long nowMs)
        {
            // The resolver has timers only while a lookup is pending (nearly never): tested here, a call less per Poll.
            long next = Dns.Status == DnsStatus.Pending ? Dns.Poll(nowMs) : long.MaxValue;
            if (Dhcp != null) next = Earliest(next, Dhcp.Poll(nowMs));
            if (Mdns != null) next = Earliest(next, Mdns.Poll(nowMs));
            if (Sntp != null) next = Earliest(next, Sntp.Poll(nowMs));
            return next;
        }

        private static long Earliest(long a, long b)
        {
            return a < b ? a : b;
        }
    }
}
