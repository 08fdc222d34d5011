using NanoTcp.Wire;

namespace NanoTcp
{
    // ICMP (RFC 792, RFC 1122 3.2.2): echo replies for any payload that fits, echo requests for the shell's
    // ping, and destination-unreachable messages. Those are counted; they end a connection only in SYN-SENT, only
    // for the hard codes (protocol/port unreachable, RFC 1122 4.2.3.9) and only when the quoted segment is our SYN
    // (SEQ = ISS, RFC 5927 §4.1), so a forged message cannot kill an established connection.
    public sealed partial class NetworkStack
    {
        private bool _echoPending;
        private bool _echoResolving;
        private uint _echoIp;
        private int _echoId, _echoSeq, _echoLength;
        private readonly byte[] _echoMac = new byte[6];

        private void ProcessIcmp(EthernetFrame frame, Ipv4Packet ip)
        {
            var icmp = new IcmpEcho(frame.Buffer, ip.PayloadOffset, ip.PayloadLength);
            if (!icmp.IsWellFormed)
            {
                Drop(DropReason.IcmpMalformed, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            if (!icmp.HasValidChecksum)
            {
                Drop(DropReason.IcmpChecksum, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            int type = icmp.Type;
            if (type == IcmpEcho.TypeEchoRequest && icmp.Code == 0) AnswerEcho(frame, ip, icmp);
            else if (type == IcmpEcho.TypeEchoReply && icmp.Code == 0)
            {
                _counters.IcmpEchoRepliesReceived++;
                if (_echoListener != null) _echoListener.OnEchoReply(ip.Source, icmp.Identifier, icmp.Sequence, icmp.DataLength, _now);
            }
            else if (type == IcmpEcho.TypeDestinationUnreachable)
            {
                _counters.IcmpUnreachableReceived++;
                DestinationUnreachable(icmp);
            }
            else Drop(DropReason.IcmpUnhandled, frame.Buffer, frame.Offset, frame.Length);
        }

        private const int UnreachableProtocol = 2;
        private const int UnreachablePort = 3;

        /// <summary>Looks at the datagram quoted by a destination unreachable (IPv4 header + first 8 TCP bytes).</summary>
        private void DestinationUnreachable(IcmpEcho icmp)
        {
            int code = icmp.Code;
            if (code != UnreachableProtocol && code != UnreachablePort) return;
            var quoted = new Ipv4Packet(icmp.Buffer, icmp.Offset + IcmpEcho.HeaderLength, icmp.DataLength);
            if (icmp.DataLength < Ipv4Packet.MinHeaderLength || (icmp.Buffer[quoted.Offset] >> 4) != 4) return;
            int headerLength = quoted.HeaderLength;
            if (headerLength < Ipv4Packet.MinHeaderLength || icmp.DataLength < headerLength + 8) return;
            if (quoted.Protocol != Ipv4Packet.ProtocolTcp || quoted.Source != _ip) return;
            int tcp = quoted.Offset + headerLength;
            int localPort = NetworkOrder.Read16(icmp.Buffer, tcp);
            int remotePort = NetworkOrder.Read16(icmp.Buffer, tcp + 2);
            uint seq = NetworkOrder.Read32(icmp.Buffer, tcp + 4);
            SynRejectedByIcmp(quoted.Destination, remotePort, localPort, seq, code == UnreachablePort);
        }

        private void AnswerEcho(EthernetFrame frame, Ipv4Packet ip, IcmpEcho request)
        {
            int length = request.Length;
            if (IpPayloadOffset + length > _tx.Length)
            {
                Drop(DropReason.IcmpUnhandled, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            // RFC 1122 3.2.2.6: the reply carries the request's identifier, sequence and data unchanged.
            System.Array.Copy(frame.Buffer, request.Offset + IcmpEcho.HeaderLength, _tx, IpPayloadOffset + IcmpEcho.HeaderLength, request.DataLength);
            IcmpEcho.Write(_tx, IpPayloadOffset, IcmpEcho.TypeEchoReply, request.Identifier, request.Sequence, request.DataLength);
            if (TransmitIpv4(frame.Buffer, frame.SourceOffset, Ipv4Packet.ProtocolIcmp, ip.Source, length)) _counters.IcmpEchoRepliesSent++;
            else Drop(DropReason.LinkTransmitFailed, _tx, 0, IpPayloadOffset + length);
        }

        /// <summary>
        /// Queues one ICMP echo request (the shell's ping); it is sent by the next Poll once the next hop is
        /// resolved. Returns false when a request is already waiting, the address is unreachable, or the payload
        /// does not fit a frame.
        /// </summary>
        public bool SendEchoRequest(uint ip, int identifier, int sequence, int payloadLength)
        {
            if (_echoPending || ip == 0 || ip == Ip4.Broadcast || NextHop(ip) == 0) return false;
            if (payloadLength < 0 || IpPayloadOffset + IcmpEcho.HeaderLength + payloadLength > _tx.Length) return false;
            _echoPending = true;
            _echoIp = ip;
            _echoId = identifier & 0xFFFF;
            _echoSeq = sequence & 0xFFFF;
            _echoLength = payloadLength;
            _echoResolving = false;
            return true;
        }

        private void SendPendingEcho()
        {
            if (!_echoPending || _link == null || !_link.IsUp) return;
            uint hop = NextHop(_echoIp);
            if (!_arp.TryGet(hop, _now, _echoMac, 0))
            {
                if (!_echoResolving)
                {
                    _echoResolving = true;
                    ResolveNextHop(hop, _echoMac, 0);
                    return;
                }
                if (_arp.IsPending(hop)) return;
                // Resolution gave up: drop the request (documented policy).
                _echoPending = false;
                Drop(DropReason.ArpUnresolved, _tx, 0, 0);
                return;
            }
            int data = IpPayloadOffset + IcmpEcho.HeaderLength;
            for (int i = 0; i < _echoLength; i++) _tx[data + i] = (byte)('a' + i % 23);
            IcmpEcho.Write(_tx, IpPayloadOffset, IcmpEcho.TypeEchoRequest, _echoId, _echoSeq, _echoLength);
            _echoPending = false;
            if (TransmitIpv4(_echoMac, 0, Ipv4Packet.ProtocolIcmp, _echoIp, IcmpEcho.HeaderLength + _echoLength)) _counters.IcmpEchoRequestsSent++;
            else Drop(DropReason.LinkTransmitFailed, _tx, 0, 0);
        }
    }
}
