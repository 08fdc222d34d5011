using NanoTcp.Udp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // Ingress: Ethernet II (RFC 894) and IPv4 (RFC 791, RFC 1122 3.2.1) input, validated once and dispatched by
    // EtherType and protocol. A new IP protocol plugs in here (one branch in ProcessIpv4 calling its input with the
    // datagram's offsets) and sends through NetworkInterface.SendIpv4. UDP (protocol 17) is the one protocol that
    // takes non-unicast datagrams: broadcasts and joined multicast groups pass only when a UDP binding asked for them.
    // Fragments are dropped and counted: we never reassemble (documented). Our MSS option keeps TCP peers from
    // sending datagrams larger than our MTU, so fragments only come from unusual paths. IP options are skipped
    // (the header length covers them).
    public sealed partial class NetworkStack
    {
        private bool ReceiveFrames()
        {
            byte[] rx = _rx;
            // The first read before anything else: most Polls find no frame (idle), and then nothing else runs.
            int length = _if.Receive(rx);
            if (length <= 0) return false;
            StackContext ctx = _ctx;
            int budget = ctx.Config.FramesPerPoll;
            for (int i = 1; ; i++)
            {
                if (length > rx.Length) length = rx.Length;
                ctx.Counters.FramesReceived++;
                _tcpDeadline = Unknown; // input may concern a connection (a segment, an ARP answer, an ICMP error)
                if (ctx.Tracer != null) ctx.Tracer.FrameReceived(rx, 0, length, ctx.Now);
                ProcessEthernet(length);
                if (i >= budget) return true; // at least one frame per Poll, whatever the budget says
                length = _if.Receive(rx);
                if (length <= 0) return false;
            }
        }

        /// <summary>Accepts frames for our MAC or broadcast and dispatches on EtherType; the frame is _rx[0..length).</summary>
        private void ProcessEthernet(int length)
        {
            byte[] f = _rx;
            // EthernetFrame.IsValid less what ReceiveFrames ensures already (our buffer, length within it).
            if (length < EthernetFrame.HeaderLength)
            {
                _ctx.Drop(DropReason.EthernetMalformed, f, 0, length);
                return;
            }
            // Our own address first: nearly every frame is for it, and then the broadcast test is not needed.
            bool broadcast = false;
            if (!MacAddress.Equal(f, EthernetFrame.DestinationField, _if.Mac, 0))
            {
                broadcast = MacAddress.IsBroadcast(f, EthernetFrame.DestinationField);
                if (!broadcast && !_udp.WantsLinkMulticast(f, EthernetFrame.DestinationField))
                {
                    _ctx.Drop(DropReason.EthernetNotForUs, f, 0, length);
                    return;
                }
            }
            // EthernetFrame.EtherType in place, IPv4 (nearly every frame) tested first.
            int type = (f[EthernetFrame.EtherTypeField] << 8) | f[EthernetFrame.EtherTypeField + 1];
            if (type == EthernetFrame.TypeIpv4)
            {
                // RFC 1122 3.3.6: a unicast datagram that came as a link-layer broadcast is silently discarded
                // (IP broadcasts pass only where a UDP binding asked for them, e.g. DHCP).
                if (broadcast && !_udp.WantsLinkBroadcast(f, EthernetFrame.HeaderLength, length - EthernetFrame.HeaderLength))
                {
                    _ctx.Drop(DropReason.IpNotForUs, f, 0, length);
                    return;
                }
                ProcessIpv4(length);
            }
            else if (type == EthernetFrame.TypeArp) _if.ProcessArp(f, length);
            else _ctx.Drop(DropReason.EthernetUnknownType, f, 0, length);
        }

        private void ProcessIpv4(int frameLength)
        {
            byte[] f = _rx;
            const int ip = EthernetFrame.HeaderLength;
            int payloadLength = Ipv4Packet.WellFormedPayloadLength(f, ip, frameLength - ip);
            if (payloadLength < 0)
            {
                _ctx.Drop(DropReason.IpMalformed, f, 0, frameLength);
                return;
            }
            int headerLength = (f[ip] & 0x0F) * 4; // IHL (Ipv4Packet.HeaderLength)
            if (!Ipv4Packet.HasValidChecksum(f, ip, headerLength))
            {
                _ctx.Drop(DropReason.IpChecksum, f, 0, frameLength);
                return;
            }
            // Every datagram comes here: once it is known well formed, its fields are read in place, each once,
            // rather than through an Ipv4Packet accessor each (a call frame apiece on the interpreter).
            // Our address (nearly every datagram) is recognised as read natively, then needs no assembling.
            uint ours = _if.Ip;
            uint destination = ours != 0 && System.BitConverter.ToUInt32(f, ip + Ipv4Packet.DestinationField) == _if.IpAsRead
                ? ours : NetworkOrder.Read32(f, ip + Ipv4Packet.DestinationField);
            int protocol = f[ip + Ipv4Packet.ProtocolField];
            if ((destination != ours || ours == 0) && !_udp.WantsDestination(protocol, destination))
            {
                _ctx.Drop(DropReason.IpNotForUs, f, 0, frameLength);
                return;
            }
            uint source = NetworkOrder.Read32(f, ip + Ipv4Packet.SourceField);
            if (!IsValidSource(source))
            {
                _ctx.Drop(DropReason.IpBadSource, f, 0, frameLength);
                return;
            }
            // Ipv4Packet.IsFragment in place, a call less per datagram.
            if (((f[ip + Ipv4Packet.FragmentField] & Ipv4Packet.FragmentMaskHigh) | f[ip + Ipv4Packet.FragmentField + 1]) != 0)
            {
                _ctx.Drop(DropReason.IpFragment, f, 0, frameLength);
                return;
            }
            int payload = ip + headerLength;
            // While this datagram is processed, answers to its sender may use the frame's source MAC.
            _if.SetReplyPath(source);
            if (protocol == Ipv4Packet.ProtocolTcp) ProcessTcp(source, payload, payloadLength, frameLength);
            else if (protocol == Ipv4Packet.ProtocolIcmp) ProcessIcmp(source, payload, payloadLength, frameLength);
            else if (protocol == UdpHeader.Protocol) _udp.Process(f, ip, payload, payloadLength, source, destination, frameLength);
            else _ctx.Drop(DropReason.IpUnknownProtocol, f, 0, frameLength);
            _if.SetReplyPath(0);
        }

        /// <summary>RFC 1122 3.2.1.3: drop datagrams from broadcast, multicast, loopback, 0/8 or our own address.</summary>
        private bool IsValidSource(uint source)
        {
            uint ip = _if.Ip, mask = _if.Mask;
            if (source == ip) return false;
            // 0/8, and 224/3 (multicast, reserved, the limited broadcast) in one unsigned test; then loopback.
            uint first = source >> 24;
            if (first - 1 >= 223 || first == 127) return false;
            // Not the directed broadcast of our subnet (host bits all ones on our network); the host-bits test first,
            // as it settles nearly every source.
            return (source | mask) != 0xFFFFFFFF || mask == 0xFFFFFFFF || (source & mask) != (ip & mask);
        }
    }
}
