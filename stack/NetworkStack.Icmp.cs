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

        /// <summary>ICMP input: the message is _rx[o..o+length) from <paramref name="source"/>.</summary>
        private void ProcessIcmp(uint source, int o, int length, int frameLength)
        {
            byte[] f = _rx;
            if (!IcmpEcho.IsWellFormed(length))
            {
                _ctx.Drop(DropReason.IcmpMalformed, f, 0, frameLength);
                return;
            }
            if (!IcmpEcho.HasValidChecksum(f, o, length))
            {
                _ctx.Drop(DropReason.IcmpChecksum, f, 0, frameLength);
                return;
            }
            int type = IcmpEcho.Type(f, o);
            int code = IcmpEcho.Code(f, o);
            if (type == IcmpEcho.TypeEchoRequest && code == 0) AnswerEcho(source, o, length, frameLength);
            else if (type == IcmpEcho.TypeEchoReply && code == 0)
            {
                _ctx.Counters.IcmpEchoRepliesReceived++;
                if (_echoListener != null)
                {
                    _echoListener.OnEchoReply(source, IcmpEcho.Identifier(f, o), IcmpEcho.Sequence(f, o), length - IcmpEcho.HeaderLength, _ctx.Now);
                }
            }
            else if (type == IcmpEcho.TypeDestinationUnreachable)
            {
                _ctx.Counters.IcmpUnreachableReceived++;
                DestinationUnreachable(o, length);
            }
            else _ctx.Drop(DropReason.IcmpUnhandled, f, 0, frameLength);
        }

        private const int UnreachableProtocol = 2;
        private const int UnreachablePort = 3;

        /// <summary>Looks at the datagram quoted by a destination unreachable (IPv4 header + first 8 TCP bytes).</summary>
        private void DestinationUnreachable(int o, int length)
        {
            byte[] f = _rx;
            int code = IcmpEcho.Code(f, o);
            if (code != UnreachableProtocol && code != UnreachablePort) return;
            int quoted = o + IcmpEcho.HeaderLength;
            int quotedLength = length - IcmpEcho.HeaderLength;
            if (quotedLength < Ipv4Packet.MinHeaderLength || (f[quoted] >> 4) != 4) return;
            int headerLength = Ipv4Packet.HeaderLength(f, quoted);
            if (headerLength < Ipv4Packet.MinHeaderLength || quotedLength < headerLength + 8) return;
            if (Ipv4Packet.Protocol(f, quoted) != Ipv4Packet.ProtocolTcp || Ipv4Packet.Source(f, quoted) != _if.Ip) return;
            int tcp = quoted + headerLength;
            SynRejectedByIcmp(Ipv4Packet.Destination(f, quoted), TcpHeader.DestinationPort(f, tcp), TcpHeader.SourcePort(f, tcp),
                              TcpHeader.Sequence(f, tcp), code == UnreachablePort);
        }

        private void AnswerEcho(uint source, int o, int length, int frameLength)
        {
            byte[] tx = _if.Tx;
            const int at = NetworkInterface.IpPayloadOffset;
            if (at + length > tx.Length)
            {
                _ctx.Drop(DropReason.IcmpUnhandled, _rx, 0, frameLength);
                return;
            }
            // RFC 1122 3.2.2.6: the reply carries the request's identifier, sequence and data unchanged.
            int data = length - IcmpEcho.HeaderLength;
            System.Array.Copy(_rx, o + IcmpEcho.HeaderLength, tx, at + IcmpEcho.HeaderLength, data);
            IcmpEcho.Write(tx, at, IcmpEcho.TypeEchoReply, IcmpEcho.Identifier(_rx, o), IcmpEcho.Sequence(_rx, o), data);
            if (_if.SendIpv4(source, Ipv4Packet.ProtocolIcmp, length) == NetworkInterface.Sent) _ctx.Counters.IcmpEchoRepliesSent++;
        }

        /// <summary>
        /// Queues one ICMP echo request (the shell's ping); it is sent by the next Poll once the next hop is
        /// resolved. Returns false when a request is already waiting, the address is unreachable, or the payload
        /// does not fit a frame.
        /// </summary>
        public bool SendEchoRequest(uint ip, int identifier, int sequence, int payloadLength)
        {
            if (_echoPending || ip == 0 || ip == Ip4.Broadcast || _if.NextHop(ip) == 0) return false;
            if (payloadLength < 0 || NetworkInterface.IpPayloadOffset + IcmpEcho.HeaderLength + payloadLength > _if.Tx.Length) return false;
            _echoPending = true;
            _echoIp = ip;
            _echoId = identifier & 0xFFFF;
            _echoSeq = sequence & 0xFFFF;
            _echoLength = payloadLength;
            _echoResolving = false;
            _ctx.WorkPending = true;
            return true;
        }

        /// <summary>Sends the ping waiting in _echoPending (Poll calls this only while one is).</summary>
        private void SendPendingEcho()
        {
            if (_echoResolving && !_if.IsResolving(_echoIp) && !_if.IsResolved(_echoIp))
            {
                // Resolution gave up: drop the request (documented ARP policy).
                _echoPending = false;
                _ctx.Drop(DropReason.ArpUnresolved, _if.Tx, 0, 0);
                return;
            }
            byte[] tx = _if.Tx;
            int data = NetworkInterface.IpPayloadOffset + IcmpEcho.HeaderLength;
            // The pattern 'a'..'w' repeats every 23 bytes: write it once, then double it with Array.Copy (native
            // on nanoCLR) instead of computing every byte in the interpreter.
            int filled = _echoLength < 23 ? _echoLength : 23;
            for (int i = 0; i < filled; i++) tx[data + i] = (byte)('a' + i);
            while (filled < _echoLength)
            {
                int chunk = _echoLength - filled < filled ? _echoLength - filled : filled;
                System.Array.Copy(tx, data, tx, data + filled, chunk);
                filled += chunk;
            }
            IcmpEcho.Write(tx, NetworkInterface.IpPayloadOffset, IcmpEcho.TypeEchoRequest, _echoId, _echoSeq, _echoLength);
            int result = _if.SendIpv4(_echoIp, Ipv4Packet.ProtocolIcmp, IcmpEcho.HeaderLength + _echoLength);
            if (result == NetworkInterface.Waiting)
            {
                _echoResolving = true;
                return;
            }
            _echoPending = false;
            if (result == NetworkInterface.Sent) _ctx.Counters.IcmpEchoRequestsSent++;
        }
    }
}
