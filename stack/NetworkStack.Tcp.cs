using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // TCP slots and listeners: allocation, handles, state changes and freeing.
    public sealed partial class NetworkStack
    {
        private const int ListenerFlag = 0x40000000;

        private Segment _seg;
        private int[] _listenPort;
        private int[] _listenBacklog;
        private int[] _listenGeneration;
        private long _backlogSequence;
        private int _nextEphemeral;

        private void InitializeTcp()
        {
            int slots = _cfg.ConnectionSlots < 1 ? 1 : (_cfg.ConnectionSlots > MaxSlots ? MaxSlots : _cfg.ConnectionSlots);
            _tcbs = new Tcb[slots];
            for (int i = 0; i < slots; i++)
            {
                var tcb = new Tcb(i, Positive(_cfg.SendBufferSize, 64), Positive(_cfg.ReceiveBufferSize > 65535 ? 65535 : _cfg.ReceiveBufferSize, 64),
                                  _cfg.OutOfOrderRanges < 0 ? 0 : _cfg.OutOfOrderRanges, _cfg.ChallengeAcksPerSecond);
                tcb.Rto.Configure(_cfg.InitialRtoMs, _cfg.MinRtoMs, _cfg.MaxRtoMs);
                tcb.Reset(1);
                _tcbs[i] = tcb;
            }
            int listeners = _cfg.ListenerSlots < 1 ? 1 : _cfg.ListenerSlots;
            _listenPort = new int[listeners];
            _listenBacklog = new int[listeners];
            _listenGeneration = new int[listeners];
            for (int i = 0; i < listeners; i++) _listenGeneration[i] = 1;
            _resets = new ResetQueue(slots + 2);
            _seg = new Segment();
            _nextEphemeral = _cfg.EphemeralPortFirst;
        }

        private static int Positive(int value, int minimum)
        {
            return value < minimum ? minimum : value;
        }

        /// <summary>The connection a handle names, or null when the handle is stale or invalid.</summary>
        private Tcb FindTcb(int handle)
        {
            if (handle < 0 || (handle & ListenerFlag) != 0) return null;
            int slot = handle & 0xFF;
            if (slot >= _tcbs.Length) return null;
            Tcb tcb = _tcbs[slot];
            return tcb.InUse && tcb.Handle == handle ? tcb : null;
        }

        /// <summary>The listener index a handle names, or -1.</summary>
        private int FindListener(int handle)
        {
            if (handle < 0 || (handle & ListenerFlag) == 0) return -1;
            int index = handle & 0xFF;
            if (index >= _listenPort.Length || _listenPort[index] == 0) return -1;
            return ListenerHandle(index) == handle ? index : -1;
        }

        private int ListenerHandle(int index)
        {
            return ListenerFlag | (_listenGeneration[index] << 8) | index;
        }

        private int FindListenerByPort(int port)
        {
            for (int i = 0; i < _listenPort.Length; i++)
            {
                if (_listenPort[i] == port) return i;
            }
            return -1;
        }

        /// <summary>The live connection for a 4-tuple (slots held only to report an error do not match).</summary>
        private Tcb FindConnection(uint remoteIp, int remotePort, int localPort)
        {
            for (int i = 0; i < _tcbs.Length; i++)
            {
                Tcb t = _tcbs[i];
                if (t.InUse && t.State != TcpState.Closed && t.LocalPort == localPort && t.RemotePort == remotePort && t.RemoteIp == remoteIp) return t;
            }
            return null;
        }

        /// <summary>A free slot, reclaiming the oldest TIME-WAIT connection when none is free (see TimeWait.cs); null if none.</summary>
        private Tcb AllocateTcb()
        {
            for (int i = 0; i < _tcbs.Length; i++)
            {
                if (!_tcbs[i].InUse) return Claim(_tcbs[i]);
            }
            Tcb reclaimed = ReclaimOldestTimeWait();
            return reclaimed == null ? null : Claim(reclaimed);
        }

        private Tcb Claim(Tcb t)
        {
            int generation = (t.Generation + 1) & GenerationMask;
            t.Reset(generation == 0 ? 1 : generation);
            t.InUse = true;
            return t;
        }

        private int CountFreeSlots()
        {
            int free = 0;
            for (int i = 0; i < _tcbs.Length; i++)
            {
                if (!_tcbs[i].InUse) free++;
            }
            return free;
        }

        /// <summary>Initial TCB values common to active and passive opens.</summary>
        private void OpenTcb(Tcb t, uint remoteIp, int remotePort, int localPort)
        {
            t.RemoteIp = remoteIp;
            t.RemotePort = remotePort;
            t.LocalPort = localPort;
            t.NextHopIp = NextHop(remoteIp);
            t.Iss = _isn.Next(_ip, localPort, remoteIp, remotePort, _now);
            t.SndUna = t.SndNxt = t.SndMax = t.Iss;
            t.SendBufferSeq = t.Iss + 1;
            t.SendMss = _cfg.DefaultPeerMss < _mss ? _cfg.DefaultPeerMss : _mss;
            t.Congestion.Reset(t.SendMss, t.Iss);
        }

        private void SetState(Tcb t, TcpState next)
        {
            TcpState previous = t.State;
            if (previous == next) return;
            t.State = next;
            if (next == TcpState.Established) _counters.TcpConnectionsEstablished++;
            if (_tracer != null) _tracer.TcpStateChanged(t.Handle, previous, next, _now);
        }

        /// <summary>
        /// The connection reached CLOSED. The slot is freed at once unless the application still holds the
        /// handle, in which case it stays (state Closed, with <paramref name="error"/>) until Close or Abort.
        /// </summary>
        private void EnterClosed(Tcb t, int error)
        {
            if (error != TcpError.None) t.LastError = error;
            SetState(t, TcpState.Closed);
            if (t.UserClosed || !t.UserOwned)
            {
                FreeTcb(t);
                return;
            }
            StopTimers(t);
            t.SendBuffer.Clear();
            t.Reassembly.Clear();
            t.AckNow = false;
        }

        private static void StopTimers(Tcb t)
        {
            t.RtoDeadline = t.PersistDeadline = t.KeepAliveDeadline = t.DelayedAckDeadline = t.CloseDeadline = t.SwsDeadline = Tcb.Off;
        }

        /// <summary>Returns the slot to the pool; the generation changes on reuse, so old handles go stale.</summary>
        private void FreeTcb(Tcb t)
        {
            if (t.State != TcpState.Closed) SetState(t, TcpState.Closed);
            t.InUse = false;
            t.Reset(t.Generation);
        }

        /// <summary>
        /// Queues a RST for a connection being aborted (sent by the next Poll). Its SEQ is SND.MAX, which equals
        /// SND.NXT except after a timeout rewound SND.NXT; the peer's RCV.NXT can be anywhere up to SND.MAX, and a
        /// RST below it would be ignored there (RFC 5961 §3.2).
        /// </summary>
        private void QueueReset(Tcb t)
        {
            if (!t.NextHopKnown) return;
            _resets.Add(t.RemoteIp, t.LocalPort, t.RemotePort, t.SndMax, t.NextHopMac);
        }

        private void SendQueuedResets()
        {
            while (_resets.Count > 0)
            {
                int i = _resets.Peek();
                SendReset(_resets.Macs, i * 6, _resets.Ip(i), _resets.LocalPort(i), _resets.RemotePort(i), _resets.Seq(i), 0, false);
                _resets.Remove();
            }
        }

        /// <summary>Fills a connection info snapshot for slot <paramref name="slot"/>; false when the slot is free.</summary>
        public bool GetConnectionInfo(int slot, ref TcpConnectionInfo info)
        {
            if (slot < 0 || slot >= _tcbs.Length || !_tcbs[slot].InUse) return false;
            Tcb t = _tcbs[slot];
            info.Handle = t.Handle;
            info.State = t.State;
            info.LocalIp = _ip;
            info.LocalPort = t.LocalPort;
            info.RemoteIp = t.RemoteIp;
            info.RemotePort = t.RemotePort;
            info.SendQueued = t.SendBuffer.Count;
            info.ReceiveQueued = t.ReceiveBuffer.Count;
            info.Retransmissions = t.Retransmissions;
            info.SendUnacknowledged = t.SndUna;
            info.SendNext = t.SndNxt;
            info.ReceiveNext = t.RcvNxt;
            info.SendWindow = t.SndWnd;
            info.ReceiveWindow = SequenceNumber.Diff(t.RcvAdvertisedEdge, t.RcvNxt);
            info.CongestionWindow = t.Congestion.Cwnd;
            info.RetransmissionTimeoutMs = t.Rto.RtoMs;
            info.SmoothedRttMs = t.Rto.SrttMs;
            info.Mss = t.SendMss;
            info.LastError = t.LastError;
            return true;
        }
    }
}
