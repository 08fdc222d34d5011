using NanoTcp.Wire;

namespace NanoTcp.Tcp
{
    // RFC 9293 §3.10.7.4, seventh step (segment text) and eighth step (FIN): trim to the window, deliver in
    // order, keep out-of-order data in the receive ring (bounded by the reassembly table), ACK per RFC 5681 §4.2.
    internal sealed partial class TcpConnection
    {
        // Every data segment runs these two: the variables are read from _v and _flags in place, and sequence numbers
        // compared by the sign of their difference (SequenceNumber's arithmetic) without a call each.
        private void ProcessText(Segment seg)
        {
            uint seq = seg.Seq, rcvNxt = RcvNxt;
            int offset = seg.DataOffset;
            int length = seg.DataLength;
            int segFlags = seg.Flags;
            if ((segFlags & TcpFlags.Syn) != 0) seq++;
            uint finSeq = seq + (uint)length;
            bool fin = (segFlags & TcpFlags.Fin) != 0;

            // Data after the application closed cannot be delivered: reset (RFC 1122 4.2.2.13, RFC 9293 §3.6.1; S43).
            if ((_flags & FlagUserClosed) != 0 && length > 0 && (int)(finSeq - rcvNxt) > 0)
            {
                SendReset(SndMax);
                EnterClosed(TcpError.Aborted);
                return;
            }
            // Trim what we already have.
            int skip = (int)(rcvNxt - seq);
            if (skip > 0)
            {
                if (skip > length) skip = length;
                offset += skip;
                length -= skip;
                seq += (uint)skip;
                if (skip > 0) _ctx.Counters.TcpDuplicateData++;
            }
            // Trim to the right window edge; a FIN beyond the edge is not accepted either.
            int room = (int)((uint)_v[VRcvAdvertisedEdge] - seq);
            if (room < 0) room = 0;
            if (length > room)
            {
                length = room;
                fin = false;
            }
            bool ackAtOnce = false;
            if (length > 0) ackAtOnce = StoreText(seq, seg.Buffer, offset, length);
            else if (seg.DataLength > 0) AckNow = true; // duplicate: ACK so the peer learns RCV.NXT

            if (fin)
            {
                if (finSeq == RcvNxt) ConsumeFin();
                else if (SequenceNumber.Gt(finSeq, RcvNxt))
                {
                    // FIN beyond a hole: remembered until the hole fills (RFC 9293 §3.10.7.4 eighth step).
                    PendingFin = true;
                    PendingFinSeq = finSeq;
                    AckNow = true;
                }
            }
            if ((_flags & FlagPendingFin) != 0 && PendingFinSeq == RcvNxt && !FinReceived) ConsumeFin();
            // One ACK covers the text and the FIN; it goes out now rather than at the end of the Poll so that a
            // burst of segments read in one Poll still yields the ACKs the sender counts (RFC 5681 §4.2).
            if (ackAtOnce && State != TcpState.Closed) SendAck();
        }

        /// <summary>Stores text at its place in the receive ring; returns true when an ACK is due at once.</summary>
        private bool StoreText(uint seq, byte[] buffer, int offset, int length)
        {
            int[] v = _v;
            uint rcvNxt = RcvNxt;
            int at = (int)(seq - rcvNxt), queued = v[VReceiveRing + ByteRing.Count];
            if (at > 0)
            {
                // Out of order: keep it if the table has room, and send a duplicate ACK at once (RFC 5681 §4.2),
                // one per segment even when several arrive in one Poll: the sender counts them for fast retransmit.
                if (ReassemblyTable.Add(v, VReassembly, seq, seq + (uint)length))
                {
                    ReceiveWriteAt(queued + at, buffer, offset, length);
                    _ctx.Counters.TcpOutOfOrderKept++;
                }
                else _ctx.Drop(DropReason.TcpOutOfOrderOverflow, buffer, 0, 0);
                return true;
            }
            ReceiveWriteAt(queued, buffer, offset, length);
            v[VReceiveRing + ByteRing.Count] = queued + length; // ReceiveCommit
            rcvNxt += (uint)length;
            RcvNxt = rcvNxt;
            bool filledGap = false;
            uint end;
            // Out-of-order ranges waiting (rare; v[VReassembly] is their count): those the text reached become readable too.
            while (v[VReassembly] != 0 && ReassemblyTable.TakeContiguous(v, VReassembly, RcvNxt, out end))
            {
                ReceiveCommit(SequenceNumber.Diff(end, RcvNxt));
                RcvNxt = end;
                filledGap = true;
            }
            // RFC 5681 §4.2: ACK at once when a gap is filled; otherwise every second segment or on the delayed-ACK timer.
            // A burst read in one Poll still yields an ACK per two segments, so the sender's ACK clock keeps ticking.
            // UnackedSegments++: the top byte wraps rather than carrying into the other counters.
            int counters = v[VCounters] + UnackedSegmentsOne;
            v[VCounters] = counters;
            if (filledGap || (uint)counters >= 2u * UnackedSegmentsOne) return true;
            // Delayed ACKs off: ACK with this Poll's output. On: the delayed-ACK timer is started by Service after the
            // Poll's input (ArmDelayedAck), with the same deadline (time stands still within a Poll), once per burst
            // rather than for every other segment, and not at all when the second segment's ACK went out meanwhile.
            if ((_flags & FlagDelayedAck) == 0) _flags |= FlagAckNow;
            return false;
        }

        /// <summary>Eighth step: the FIN is in order. Advance RCV.NXT over it, ACK it, change state.</summary>
        private void ConsumeFin()
        {
            RcvNxt++;
            FinReceived = true;
            PendingFin = false;
            AckNow = true;
            switch (State)
            {
                case TcpState.SynReceived:
                case TcpState.Established:
                    SetState(TcpState.CloseWait);
                    break;
                case TcpState.FinWait1:
                    if (FinAcked) EnterTimeWait();
                    else SetState(TcpState.Closing);            // S34
                    break;
                case TcpState.FinWait2:
                    EnterTimeWait();
                    break;
            }
        }
    }
}
