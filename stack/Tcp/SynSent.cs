using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // RFC 9293 §3.10.7.3: SEGMENT ARRIVES in SYN-SENT.
    internal sealed partial class TcpConnection
    {
        private void SynSentInput(Segment seg)
        {
            bool hasAck = seg.Has(TcpFlags.Ack);
            // First: the ACK must acknowledge our SYN (ISS < SEG.ACK =< SND.NXT), else RST <SEQ=SEG.ACK> (S6, S13).
            if (hasAck && (SequenceNumber.Le(seg.Ack, Iss) || SequenceNumber.Gt(seg.Ack, SndMax)))
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                if (!seg.Has(TcpFlags.Rst)) SendReset(seg.Ack);
                return;
            }
            // Second: a RST counts only with an acceptable ACK (S10, S11, S12).
            if (seg.Has(TcpFlags.Rst))
            {
                if (hasAck) EnterClosed(TcpError.ConnectionRefused);
                else _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            if (!seg.Has(TcpFlags.Syn))
            {
                _ctx.Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            // Fourth: SYN.
            RcvNxt = seg.Seq + 1;
            RcvAdvertisedEdge = RcvNxt + (uint)MaxWindow();
            ApplyPeerMss(seg.Mss);
            if (hasAck)
            {
                AcceptWindow(seg);
                HandshakeAcknowledged(seg.Ack);
                EnterEstablished();
                AckNow = true;
                if (seg.DataLength > 0 || seg.Has(TcpFlags.Fin)) ProcessText(seg);
                return;
            }
            // Simultaneous open (RFC 9293 §3.5, MUST-10): SYN-RECEIVED, SYN+ACK with the same ISS (S4).
            AcceptWindow(seg);
            SetState(TcpState.SynReceived);
            SndNxt = Iss;
        }

        /// <summary>
        /// ICMP protocol/port unreachable quoting our SYN: the connect fails at once (ConnectionRefused for a port,
        /// Unreachable otherwise) instead of after the whole SYN retry budget.
        /// </summary>
        public void IcmpRejectsSyn(uint seq, bool portUnreachable)
        {
            if (State != TcpState.SynSent || seq != Iss) return;
            EnterClosed(portUnreachable ? TcpError.ConnectionRefused : TcpError.Unreachable);
        }

        /// <summary>Our SYN is acknowledged: take the RTT sample, stop the SYN timer, move SND.UNA.</summary>
        private void HandshakeAcknowledged(uint ack)
        {
            if (RttTiming) AddRttSample((int)_ctx.Now - RttStartMs);
            // RFC 6298 §5.7: the SYN (or SYN+ACK) was retransmitted and no sample exists: start data at RTO = 3 s.
            else if (Retransmissions > 0 && SrttMs == 0) RestartRtoAfterSynTimeout();
            RttTiming = false;
            SndUna = ack;
            if (SequenceNumber.Lt(SndNxt, ack)) SndNxt = ack;
            Retries = 0;
            RetransmissionAfterAck();
        }

        private void EnterEstablished()
        {
            SetState(TcpState.Established);
            KeepAliveRestart();
            // Shutdown before the handshake completed: the FIN follows now (RFC 9293 §3.10.4, SYN-RECEIVED case).
            if (FinQueued) SetState(TcpState.FinWait1);
        }
    }
}
