using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // Retransmission (RFC 6298 §5, RFC 5681 §3.2): on timeout go back to SND.UNA with a doubled RTO and the loss
    // window; fast retransmit resends only the first segment. Every state has a retry budget (RFC 1122 4.2.3.5), so no
    // connection retransmits forever (SYN-SENT, SYN-RECEIVED, data states, FIN-WAIT-1/CLOSING/LAST-ACK).
    internal sealed partial class TcpConnection
    {
        /// <summary>RFC 6298 §5.4–5.6. Returns false when the connection was given up.</summary>
        private bool RetransmissionTimeout()
        {
            bool handshake = State == TcpState.SynSent || State == TcpState.SynReceived;
            // Outstanding is measured to SND.MAX: a rewound segment that is still waiting for ARP counts too.
            if (!handshake && SndMax == SndUna) return true;
            if (!handshake && SndWnd == 0)
            {
                // The peer shut its window on what we sent (a bare FIN too): probing a zero window is the persist
                // timer's job and goes on while the peer answers (RFC 1122 4.2.2.17, RFC 9293 §3.8.6.1); no retry
                // is counted against the state's budget.
                SndNxt = SndUna;
                ArmPersist();
                return true;
            }
            _ctx.Counters.TcpTimeouts++;
            Retries++;
            if (Retries > RetryBudget(State))
            {
                GiveUp();
                return false;
            }
            // RFC 1122 4.2.3.5 / RFC 9293 MUST-20: after R1 retransmissions give the link layer "negative advice":
            // forget the cached MAC so the next output re-resolves the neighbour by ARP.
            if (Retries == ReResolveAfterRetries) _ctx.Interface.NegativeAdvice(RemoteIp);
            BackoffRto();
            CongestionOnTimeout(Flight, SendMss, SndMax);
            SndNxt = handshake ? Iss : SndUna;                 // go back and resend from the first unacknowledged
            RttTiming = false;                                    // Karn: no sample from a retransmission
            Retransmissions++;
            _ctx.Counters.TcpRetransmissions++;
            ArmRetransmission();
            return true;
        }

        /// <summary>R1 of RFC 1122 4.2.3.5: consecutive timeouts after which the next hop is resolved again.</summary>
        private const int ReResolveAfterRetries = 3;

        // The retransmission timer is armed only here (RFC 6298 §5).

        /// <summary>(Re)starts the timer at RTO from now (§5.1 on a retransmission, §5.6 after a timeout).</summary>
        private void ArmRetransmission()
        {
            ArmTimer(TcpTimers.Retransmission, _ctx.Now + RtoMs);
        }

        /// <summary>§5.1: a segment went out (or waits for ARP); start the timer unless it is running.</summary>
        private void ArmRetransmissionIfStopped()
        {
            ArmTimerIfStopped(TcpTimers.Retransmission, _ctx.Now + RtoMs);
        }

        /// <summary>§5.2–§5.3: new data acknowledged: restart while data is in flight, stop when all is acknowledged.</summary>
        private void RetransmissionAfterAck()
        {
            if ((int)(SndNxt - SndUna) > 0) ArmRetransmission(); // Flight > 0, a call less per ACK
            else StopTimer(TcpTimers.Retransmission);
        }

        /// <summary>The state's retry budget, at most 254 (<see cref="Retries"/> is one byte and saturates at 255).</summary>
        private int RetryBudget(TcpState state)
        {
            int budget = ConfiguredRetries(state);
            return budget > 254 ? 254 : budget;
        }

        private int ConfiguredRetries(TcpState state)
        {
            switch (state)
            {
                case TcpState.SynSent: return _ctx.Config.SynRetries;
                case TcpState.SynReceived: return _ctx.Config.SynAckRetries;
                case TcpState.FinWait1:
                case TcpState.Closing:
                case TcpState.LastAck: return _ctx.Config.FinRetries;
                default: return _ctx.Config.DataRetries;
            }
        }

        /// <summary>Retries exhausted: a half-open passive connection just disappears (S15), others report TimedOut.</summary>
        private void GiveUp()
        {
            _ctx.Counters.TcpConnectionsTimedOut++;
            if (State == TcpState.SynReceived && Listener >= 0)
            {
                Free();
                return;
            }
            if (State != TcpState.SynSent) SendReset(SndMax);
            EnterClosed(TcpError.TimedOut);
        }

        /// <summary>Retransmits the first unacknowledged segment (fast retransmit, NewReno partial ACK).</summary>
        private void RetransmitFirst()
        {
            int dataLeft = SendQueued - SequenceNumber.Diff(SndUna, SendBufferSeq);
            int length = dataLeft < SendMss ? dataLeft : SendMss;
            if (length < 0) length = 0;
            bool fin = FinSent && SndUna + (uint)length == FinSeq;
            if (length == 0 && !fin) return;
            int flags = TcpFlags.Ack | (fin ? TcpFlags.Fin : 0) | (length > 0 ? TcpFlags.Psh : 0);
            EmitSegment(SndUna, length, flags, false);
            RttTiming = false;                                     // Karn's rule
            Retransmissions++;
            _ctx.Counters.TcpRetransmissions++;
            ArmRetransmission();
        }
    }
}
