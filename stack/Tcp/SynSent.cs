using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // RFC 9293 §3.10.7.3: SEGMENT ARRIVES in SYN-SENT.
    public sealed partial class NetworkStack
    {
        private void SynSentInput(Tcb t, Segment seg)
        {
            bool hasAck = seg.Has(TcpFlags.Ack);
            // First: the ACK must acknowledge our SYN (ISS < SEG.ACK =< SND.NXT), else RST <SEQ=SEG.ACK> (S6, S13).
            if (hasAck && (SequenceNumber.Le(seg.Ack, t.Iss) || SequenceNumber.Gt(seg.Ack, t.SndMax)))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                if (!seg.Has(TcpFlags.Rst)) SendReset(t.NextHopMac, 0, t.RemoteIp, t.LocalPort, t.RemotePort, seg.Ack, 0, false);
                return;
            }
            // Second: a RST counts only with an acceptable ACK (S10, S11, S12).
            if (seg.Has(TcpFlags.Rst))
            {
                if (hasAck) EnterClosed(t, TcpError.ConnectionRefused);
                else Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            if (!seg.Has(TcpFlags.Syn))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            // Fourth: SYN.
            t.Irs = seg.Seq;
            t.RcvNxt = seg.Seq + 1;
            t.RcvAdvertisedEdge = t.RcvNxt + (uint)MaxWindow(t);
            ApplyPeerMss(t, seg.Mss);
            if (hasAck)
            {
                AcceptWindow(t, seg);
                HandshakeAcknowledged(t, seg.Ack);
                EnterEstablished(t);
                t.AckNow = true;
                if (seg.DataLength > 0 || seg.Has(TcpFlags.Fin)) ProcessText(t, seg);
                return;
            }
            // Simultaneous open (RFC 9293 §3.5, MUST-10): SYN-RECEIVED, SYN+ACK with the same ISS (S4).
            AcceptWindow(t, seg);
            SetState(t, TcpState.SynReceived);
            t.SndNxt = t.Iss;
        }

        /// <summary>
        /// ICMP protocol/port unreachable quoting our SYN: the connect fails at once (ConnectionRefused for a port,
        /// Unreachable otherwise) instead of after the whole SYN retry budget.
        /// </summary>
        private void SynRejectedByIcmp(uint remoteIp, int remotePort, int localPort, uint seq, bool portUnreachable)
        {
            Tcb t = FindConnection(remoteIp, remotePort, localPort);
            if (t == null || t.State != TcpState.SynSent || seq != t.Iss) return;
            EnterClosed(t, portUnreachable ? TcpError.ConnectionRefused : TcpError.Unreachable);
        }

        /// <summary>Our SYN is acknowledged: take the RTT sample, stop the SYN timer, move SND.UNA.</summary>
        private void HandshakeAcknowledged(Tcb t, uint ack)
        {
            if (t.RttTiming) t.Rto.AddSample((int)(_now - t.RttStartMs));
            // RFC 6298 §5.7: the SYN (or SYN+ACK) was retransmitted and no sample exists: start data at RTO = 3 s.
            else if (t.Retransmissions > 0 && t.Rto.SrttMs == 0) t.Rto.RestartAfterSynTimeout();
            t.RttTiming = false;
            t.SndUna = ack;
            if (SequenceNumber.Lt(t.SndNxt, ack)) t.SndNxt = ack;
            t.Retries = 0;
            t.RtoDeadline = t.Flight > 0 ? _now + t.Rto.RtoMs : Tcb.Off;
        }

        private void EnterEstablished(Tcb t)
        {
            SetState(t, TcpState.Established);
            KeepAliveRestart(t);
            // Shutdown before the handshake completed: the FIN follows now (RFC 9293 §3.10.4, SYN-RECEIVED case).
            if (t.FinQueued) SetState(t, TcpState.FinWait1);
        }
    }
}
