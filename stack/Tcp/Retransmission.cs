using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // Retransmission (RFC 6298 §5, RFC 5681 §3.2): on timeout go back to SND.UNA with a doubled RTO and the loss
    // window; fast retransmit resends only the first segment. Every state has a retry budget (RFC 1122 4.2.3.5), so no
    // connection retransmits forever (SYN-SENT, SYN-RECEIVED, data states, FIN-WAIT-1/CLOSING/LAST-ACK).
    public sealed partial class NetworkStack
    {
        /// <summary>RFC 6298 §5.4–5.6. Returns false when the connection was given up.</summary>
        private bool RetransmissionTimeout(Tcb t)
        {
            t.RtoDeadline = Tcb.Off;
            bool handshake = t.State == TcpState.SynSent || t.State == TcpState.SynReceived;
            if (!handshake && t.Flight == 0) return true;
            _counters.TcpTimeouts++;
            t.Retries++;
            if (t.Retries > RetryBudget(t.State))
            {
                GiveUp(t);
                return false;
            }
            // RFC 1122 4.2.3.5 / RFC 9293 MUST-20: after R1 retransmissions give the link layer "negative advice":
            // forget the cached MAC so the next output re-resolves the neighbour by ARP.
            if (t.Retries == ReResolveAfterRetries) t.NextHopKnown = false;
            t.Rto.Backoff();
            t.Congestion.OnTimeout(t.Flight, t.SendMss, t.SndMax);
            t.SndNxt = handshake ? t.Iss : t.SndUna;                 // go back and resend from the first unacknowledged
            t.RttTiming = false;                                    // Karn: no sample from a retransmission
            t.Retransmissions++;
            _counters.TcpRetransmissions++;
            t.RtoDeadline = _now + t.Rto.RtoMs;
            return true;
        }

        /// <summary>R1 of RFC 1122 4.2.3.5: consecutive timeouts after which the next hop is resolved again.</summary>
        private const int ReResolveAfterRetries = 3;

        private int RetryBudget(TcpState state)
        {
            switch (state)
            {
                case TcpState.SynSent: return _cfg.SynRetries;
                case TcpState.SynReceived: return _cfg.SynAckRetries;
                case TcpState.FinWait1:
                case TcpState.Closing:
                case TcpState.LastAck: return _cfg.FinRetries;
                default: return _cfg.DataRetries;
            }
        }

        /// <summary>Retries exhausted: a half-open passive connection just disappears (S15), others report TimedOut.</summary>
        private void GiveUp(Tcb t)
        {
            _counters.TcpConnectionsTimedOut++;
            if (t.State == TcpState.SynReceived && t.Listener >= 0)
            {
                FreeTcb(t);
                return;
            }
            if (t.State != TcpState.SynSent) SendReset(t.NextHopMac, 0, t.RemoteIp, t.LocalPort, t.RemotePort, t.SndMax, 0, false);
            EnterClosed(t, TcpError.TimedOut);
        }

        /// <summary>Retransmits the first unacknowledged segment (fast retransmit, NewReno partial ACK).</summary>
        private void RetransmitFirst(Tcb t)
        {
            int dataLeft = t.SendBuffer.Count - SequenceNumber.Diff(t.SndUna, t.SendBufferSeq);
            int length = dataLeft < t.SendMss ? dataLeft : t.SendMss;
            if (length < 0) length = 0;
            bool fin = t.FinSent && t.SndUna + (uint)length == t.FinSeq;
            if (length == 0 && !fin) return;
            int flags = TcpFlags.Ack | (fin ? TcpFlags.Fin : 0) | (length > 0 ? TcpFlags.Psh : 0);
            EmitSegment(t, t.SndUna, length, flags, false);
            t.RttTiming = false;                                     // Karn's rule
            t.Retransmissions++;
            _counters.TcpRetransmissions++;
            t.RtoDeadline = _now + t.Rto.RtoMs;
        }
    }
}
