using NanoTcp.Wire;

namespace NanoTcp.Udp
{
    /// <summary>
    /// UDP (RFC 768) inside the stack: the port table, the application sockets, ICMP port unreachable, the input
    /// path for IPv4 protocol 17 and the test of which non-unicast destinations (broadcast, joined multicast
    /// groups) some binding asked for. Owned by <see cref="NetworkStack"/>, allocated with it; output goes
    /// through the interface's one IPv4 egress (<see cref="UdpOutput"/>). The LAN services bind their ports here.
    /// </summary>
    internal sealed class UdpLayer
    {
        private readonly StackContext _ctx;
        private readonly NetworkInterface _if;
        private readonly NetworkStack _stack;
        private readonly UdpBindings _ports;
        private readonly UdpCounters _counters = new UdpCounters();
        private readonly PortUnreachable _portUnreachable;
        private readonly UdpSocket[] _sockets;
        private readonly XorShift32 _random;
        private int _addressGeneration;

        /// <summary>The DHCP client, when on: the DNS and SNTP clients take their servers from its lease.</summary>
        public Dhcp.DhcpClient Dhcp;

        public UdpLayer(StackContext ctx, NetworkInterface output, NetworkStack stack, LanConfig lan, int serviceBindings)
        {
            _ctx = ctx;
            _if = output;
            _stack = stack;
            int sockets = lan.UdpSockets < 0 ? 0 : lan.UdpSockets;
            _ports = new UdpBindings(sockets + serviceBindings);
            _portUnreachable = new PortUnreachable(lan.PortUnreachablePerSecond);
            _random = new XorShift32(lan.RandomSeed != 0 ? lan.RandomSeed : new System.Random().Next());
            _sockets = new UdpSocket[sockets];
            for (int i = 0; i < sockets; i++) _sockets[i] = new UdpSocket(this, lan.UdpReceiveBufferSize);
        }

        /// <summary>The one IPv4 egress (and its transmit frame) every UDP sender writes into.</summary>
        public NetworkInterface Output { get { return _if; } }
        public UdpBindings UdpPorts { get { return _ports; } }
        public UdpCounters UdpCounters { get { return _counters; } }
        /// <summary>Transaction ids, source ports and backoff jitter of the LAN services (RFC 6056, RFC 2131 §4.1).</summary>
        public XorShift32 LanRandom { get { return _random; } }
        public bool LinkIsUp { get { return _if.IsUp; } }
        public uint IpAddress { get { return _if.Ip; } }
        public int AddressGeneration { get { return _addressGeneration; } }

        /// <summary>DHCP's way to the stack's address (which also resets TCP connections bound to a lost one).</summary>
        public void SetAddress(uint ip, uint mask, uint gateway)
        {
            _stack.SetAddress(ip, mask, gateway);
        }

        /// <summary>Called by <see cref="NetworkStack.SetAddress"/> when the address, mask or gateway changed.</summary>
        public void AddressChanged()
        {
            _addressGeneration++;
        }

        /// <summary>The time of the current (or last) Poll: what an API call between Polls (a DNS lookup) counts from.</summary>
        public long Now { get { return _ctx.Now; } }

        /// <summary>An API call (a lookup, a renew) changed a service's deadline: the next Poll must run now.</summary>
        public void MarkWorkPending()
        {
            _ctx.WorkPending = true;
        }

        public void CountUdpDrop(DropReason reason, long nowMs)
        {
            _ctx.Drop(reason, _if.Tx, 0, 0);
        }

        /// <summary>Opens an application socket (0 = an ephemeral port); null when none is free or the port is taken.</summary>
        public UdpSocket Open(int port)
        {
            if (port == 0) port = EphemeralUdpPort();
            if (port < 1 || port > 65535) return null;
            for (int i = 0; i < _sockets.Length; i++)
            {
                UdpSocket s = _sockets[i];
                if (s.IsOpen) continue;
                int slot = _ports.Bind(port, s);
                if (slot < 0) return null;
                s.Open(slot, port);
                return s;
            }
            return null;
        }

        /// <summary>A free port from the ephemeral range, starting at a pseudo-random point (RFC 6056 §3.2).</summary>
        public int EphemeralUdpPort()
        {
            int first = _ctx.Config.EphemeralPortFirst, span = _ctx.Config.EphemeralPortLast - first + 1;
            if (span < 1) return 0;
            int start = (int)(_random.Next() % (uint)span);
            for (int i = 0; i < span; i++)
            {
                int port = first + (start + i) % span;
                if (!_ports.IsBound(port)) return port;
            }
            return 0;
        }

        // ---- input --------------------------------------------------------------------------------------

        /// <summary>A non-unicast IPv4 destination some UDP binding asked for (broadcast or a joined group).</summary>
        public bool WantsDestination(int protocol, uint destination)
        {
            if (protocol != UdpHeader.Protocol) return false;
            if (_if.IsBroadcast(destination)) return _ports.AnyBroadcast();
            return Ip4.IsMulticast(destination) && _ports.AnyGroup(destination);
        }

        /// <summary>
        /// An Ethernet broadcast carrying an IPv4 broadcast datagram a UDP binding wants (DHCP) passes; a unicast
        /// datagram in a link broadcast stays dropped (RFC 1122 3.3.6).
        /// </summary>
        public bool WantsLinkBroadcast(byte[] b, int ipOffset, int available)
        {
            if (available < Ipv4Packet.MinHeaderLength) return false;
            return WantsDestination(Ipv4Packet.Protocol(b, ipOffset), Ipv4Packet.Destination(b, ipOffset));
        }

        /// <summary>The destination MAC is the multicast address of a group a binding joined (mDNS).</summary>
        public bool WantsLinkMulticast(byte[] b, int macOffset)
        {
            return _ports.AcceptsMulticastMac(b, macOffset);
        }

        /// <summary>IPv4 protocol 17: validate, demultiplex by destination port, deliver or answer port unreachable.</summary>
        public void Process(byte[] b, int ipOffset, int udp, int available, uint source, uint destination, int frameLength)
        {
            if (!UdpHeader.IsWellFormed(b, udp, available))
            {
                _ctx.Drop(DropReason.UdpMalformed, b, 0, frameLength);
                return;
            }
            if (!UdpHeader.HasValidChecksum(b, udp, source, destination))
            {
                _ctx.Drop(DropReason.UdpChecksum, b, 0, frameLength);
                return;
            }
            bool unicast = destination == _if.Ip && _if.Ip != 0;
            int slot = _ports.Find(UdpHeader.DestinationPort(b, udp));
            if (slot < 0)
            {
                // RFC 1122 4.1.3.1 / 3.2.2: port unreachable only for unicast datagrams, never for broadcast/multicast.
                if (unicast) AnswerPortUnreachable(b, ipOffset, udp, available, source);
                _ctx.Drop(DropReason.UdpNoPort, b, 0, frameLength);
                return;
            }
            if (!unicast && !(_if.IsBroadcast(destination) ? _ports.AcceptsBroadcast(slot) : _ports.Group(slot) == destination))
            {
                _ctx.Drop(DropReason.UdpNotWanted, b, 0, frameLength);
                return;
            }
            _counters.DatagramsReceived++;
            int length = UdpHeader.DatagramLength(b, udp) - UdpHeader.Length;
            // Replies sent from OnDatagram reach the sender through the interface's reply path (its frame's MAC).
            _ports.Receiver(slot).OnDatagram(b, udp + UdpHeader.Length, length, source, UdpHeader.SourcePort(b, udp), destination, _ctx.Now);
        }

        private void AnswerPortUnreachable(byte[] b, int ipOffset, int udp, int available, uint source)
        {
            if (!_portUnreachable.TryTake(_ctx.Now))
            {
                _counters.PortUnreachableSuppressed++;
                return;
            }
            // RFC 792: the IP header and the first 64 bits of the datagram.
            int quote = udp - ipOffset + (available < 8 ? available : 8);
            int length = PortUnreachable.Write(_if.Tx, NetworkInterface.IpPayloadOffset, b, ipOffset, quote);
            if (_if.SendIpv4(source, PortUnreachable.IcmpProtocol, length) == NetworkInterface.Sent) _counters.PortUnreachableSent++;
        }
    }
}
