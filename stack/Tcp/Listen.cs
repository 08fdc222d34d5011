using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // LISTEN (RFC 9293 §3.10.1 passive OPEN, §3.10.7.2): listeners, the backlog (SYN-RECEIVED plus established
    // connections not yet accepted) and Accept. A full backlog drops the SYN silently (S16).
    public sealed partial class NetworkStack
    {
        /// <summary>RFC 9293 §3.10.7.2: LISTEN. A SYN creates a child connection in SYN-RECEIVED (backlog permitting).</summary>
        private void ListenInput(int listener, Segment seg)
        {
            if (seg.Has(TcpFlags.Rst))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            if (seg.Has(TcpFlags.Ack))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                SendReset(seg.Buffer, seg.SourceMacOffset, seg.SourceIp, seg.DestinationPort, seg.SourcePort, seg.Ack, 0, false);
                return;
            }
            if (!seg.Has(TcpFlags.Syn))
            {
                Drop(DropReason.TcpUnacceptable, seg.Buffer, 0, 0);
                return;
            }
            // A full backlog drops the SYN silently so the client's retransmission can succeed later (lwIP, Linux).
            if (BacklogCount(listener) >= _listenBacklog[listener])
            {
                Drop(DropReason.TcpBacklogFull, seg.Buffer, 0, 0);
                return;
            }
            Tcb t = AllocateTcb();
            if (t == null)
            {
                Drop(DropReason.TcpNoSlot, seg.Buffer, 0, 0);
                return;
            }
            OpenTcb(t, seg.SourceIp, seg.SourcePort, seg.DestinationPort);
            LearnPassivePeer(t, seg);
            t.Listener = listener;
            t.BacklogOrder = ++_backlogSequence;
            t.Irs = seg.Seq;
            t.RcvNxt = seg.Seq + 1;
            t.RcvAdvertisedEdge = t.RcvNxt + (uint)MaxWindow(t);
            AcceptWindow(t, seg);
            ApplyPeerMss(t, seg.Mss);
            KeepAliveRestart(t);
            // Data on a SYN is not queued (rare; the peer retransmits it after the handshake).
            SetState(t, TcpState.SynReceived);
        }

        private int BacklogCount(int listener)
        {
            int n = 0;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb t = _tcbs[i];
                if (t.InUse && t.Listener == listener) n++;
            }
            return n;
        }

        /// <summary>
        /// Passive open on <paramref name="port"/>. Up to <paramref name="backlog"/> (1..MaxBacklog) connections
        /// may be half-open or waiting for <see cref="Accept"/>; further SYNs are dropped without RST.
        /// Returns a listener handle or <see cref="TcpError.AddressInUse"/>, <see cref="TcpError.NoListenerSlot"/>,
        /// <see cref="TcpError.InvalidArgument"/>.
        /// </summary>
        public int Listen(int port, int backlog)
        {
            if (port <= 0 || port > 65535) return TcpError.InvalidArgument;
            if (FindListenerByPort(port) >= 0) return TcpError.AddressInUse;
            for (int i = 0; i < _listenPort.Length; i++)
            {
                if (_listenPort[i] != 0) continue;
                _listenPort[i] = port;
                _listenBacklog[i] = backlog < 1 ? 1 : (backlog > _cfg.MaxBacklog ? _cfg.MaxBacklog : backlog);
                return ListenerHandle(i);
            }
            return TcpError.NoListenerSlot;
        }

        /// <summary>
        /// Takes the oldest established connection from a listener's backlog. Returns its handle,
        /// <see cref="TcpError.WouldBlock"/> when none is ready, or <see cref="TcpError.InvalidHandle"/>.
        /// </summary>
        public int Accept(int listener)
        {
            int l = FindListener(listener);
            if (l < 0) return TcpError.InvalidHandle;
            Tcb best = null;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb t = _tcbs[i];
                if (t.InUse && t.Listener == l && t.State != TcpState.SynReceived && (best == null || t.BacklogOrder < best.BacklogOrder)) best = t;
            }
            if (best == null) return TcpError.WouldBlock;
            best.Listener = -1;
            best.UserOwned = true;
            return best.Handle;
        }

        /// <summary>Closes a listener; connections in its backlog that were not accepted are reset.</summary>
        public int CloseListener(int listener)
        {
            int l = FindListener(listener);
            if (l < 0) return TcpError.InvalidHandle;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb t = _tcbs[i];
                if (!t.InUse || t.Listener != l) continue;
                QueueReset(t);
                FreeTcb(t);
            }
            _listenPort[l] = 0;
            _listenGeneration[l] = (_listenGeneration[l] + 1) & 0xFFFF;
            if (_listenGeneration[l] == 0) _listenGeneration[l] = 1;
            return TcpError.None;
        }

        /// <summary>
        /// Where a passive connection sends: the next hop's ARP entry when there is one, else the source MAC of the
        /// SYN's frame (so a SYN from a host we never ARPed is answered at once; see NetworkStack.Arp.cs).
        /// </summary>
        private void LearnPassivePeer(Tcb t, Segment seg)
        {
            if (!_arp.TryGet(t.NextHopIp, _now, t.NextHopMac, 0)) MacAddress.Copy(seg.Buffer, seg.SourceMacOffset, t.NextHopMac, 0);
            t.NextHopKnown = true;
        }
    }
}
