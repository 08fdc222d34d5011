using NanoTcp.Wire;

namespace NanoTcp
{
    // IPv4 input (RFC 791, RFC 1122 3.2.1): validate, then hand ICMP and TCP to their handlers.
    // Fragments are dropped and counted: we never reassemble (documented). Our MSS option keeps TCP peers from
    // sending datagrams larger than our MTU, and we set DF on everything we send, so fragments only come from
    // unusual paths. IP options are skipped (the header length covers them).
    public sealed partial class NetworkStack
    {
        private void ProcessIpv4(EthernetFrame frame)
        {
            var ip = new Ipv4Packet(frame.Buffer, frame.PayloadOffset, frame.PayloadLength);
            if (!ip.IsWellFormed)
            {
                Drop(DropReason.IpMalformed, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            if (!ip.HasValidChecksum)
            {
                Drop(DropReason.IpChecksum, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            if (ip.Destination != _ip)
            {
                Drop(DropReason.IpNotForUs, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            if (!IsValidSource(ip.Source))
            {
                Drop(DropReason.IpBadSource, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            if (ip.IsFragment)
            {
                Drop(DropReason.IpFragment, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            int protocol = ip.Protocol;
            if (protocol == Ipv4Packet.ProtocolTcp) ProcessTcp(frame, ip);
            else if (protocol == Ipv4Packet.ProtocolIcmp) ProcessIcmp(frame, ip);
            else Drop(DropReason.IpUnknownProtocol, frame.Buffer, frame.Offset, frame.Length);
        }

        /// <summary>RFC 1122 3.2.1.3: drop datagrams from broadcast, multicast, loopback, 0/8 or our own address.</summary>
        private bool IsValidSource(uint source)
        {
            if (source == _ip || source == Ip4.Broadcast) return false;
            int first = (int)(source >> 24);
            if (first == 0 || first == 127 || first >= 224) return false;
            // The directed broadcast of our subnet.
            if (_mask != 0xFFFFFFFF && (source & ~_mask) == ~_mask && (source & _mask) == (_ip & _mask)) return false;
            return true;
        }
    }
}
