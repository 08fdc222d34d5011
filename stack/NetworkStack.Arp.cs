using NanoTcp.Wire;

namespace NanoTcp
{
    // ARP (RFC 826, RFC 1122 2.3.2): answer requests for our address, learn from packets about us, resolve
    // next hops with rate-limited requests.
    //
    // Output waiting for resolution (documented policy): a TCP connection keeps its segments in its own send
    // buffer and simply does not transmit until the next hop is resolved; the Poll after the ARP reply sends
    // them. An ICMP echo request waits likewise in its single pending slot. Replies to received frames (ICMP echo
    // replies, RSTs) go to the frame's source MAC and never wait. Nothing else needs resolution, so nothing
    // else is queued; a pending entry whose retries run out is dropped (its TCP connection retries by RTO).
    public sealed partial class NetworkStack
    {
        private void ProcessArp(EthernetFrame frame)
        {
            var arp = new ArpPacket(frame.Buffer, frame.PayloadOffset, frame.PayloadLength);
            if (!arp.IsValid)
            {
                Drop(DropReason.ArpMalformed, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            uint sender = arp.SenderIp;
            bool forUs = arp.TargetIp == _ip && _ip != 0;
            if (sender == 0 || sender == _ip || sender == Ip4.Broadcast || MacAddress.IsBroadcast(frame.Buffer, arp.SenderMacOffset))
            {
                // Probes (sender 0.0.0.0, RFC 5227) and conflicts are not learned; probes for us are still answered.
                if (!(forUs && arp.Operation == ArpPacket.OpRequest && sender == 0))
                {
                    Drop(DropReason.ArpNotForUs, frame.Buffer, frame.Offset, frame.Length);
                    return;
                }
            }
            else
            {
                _arp.Update(sender, frame.Buffer, arp.SenderMacOffset, _now, forUs);
            }
            _counters.ArpReceived++;
            if (!forUs) return;
            if (arp.Operation == ArpPacket.OpRequest)
            {
                // Reply to the requester's MAC (also for a probe from 0.0.0.0, RFC 5227 §2.1.1).
                SendArp(ArpPacket.OpReply, frame.Buffer, arp.SenderMacOffset, sender);
            }
        }

        /// <summary>Sends a request (targetMac null: broadcast, target address unknown) or a reply; false if the link refused it.</summary>
        private bool SendArp(int operation, byte[] targetMac, int targetMacOffset, uint targetIp)
        {
            if (operation == ArpPacket.OpRequest) MacAddress.SetBroadcast(_tx, 0);
            else MacAddress.Copy(targetMac, targetMacOffset, _tx, 0);
            MacAddress.Copy(_mac, 0, _tx, 6);
            NetworkOrder.Write16(_tx, 12, EthernetFrame.TypeArp);
            ArpPacket.Write(_tx, EthernetFrame.HeaderLength, operation, _mac, 0, _ip,
                            operation == ArpPacket.OpRequest ? null : targetMac, targetMacOffset, targetIp);
            if (!Transmit(EthernetFrame.HeaderLength + ArpPacket.Length))
            {
                Drop(DropReason.LinkTransmitFailed, _tx, 0, EthernetFrame.HeaderLength + ArpPacket.Length);
                return false;
            }
            if (operation == ArpPacket.OpRequest) _counters.ArpRequestsSent++;
            else _counters.ArpRepliesSent++;
            return true;
        }

        private void SendArpRequests()
        {
            if (_link == null || !_link.IsUp) return;
            for (int i = 0; i < _arp.Capacity; i++)
            {
                uint ip = _arp.NextRequest(_now);
                if (ip == 0) return;
                SendArp(ArpPacket.OpRequest, null, 0, ip);
            }
        }

        /// <summary>
        /// Looks up the next hop's MAC into <paramref name="mac"/>. On a miss starts resolution (counted) and
        /// returns false: the caller keeps its data and tries again on a later Poll.
        /// </summary>
        private bool ResolveNextHop(uint nextHop, byte[] mac, int offset)
        {
            if (_arp.TryGet(nextHop, _now, mac, offset)) return true;
            if (_arp.Request(nextHop, _now)) _counters.ArpMisses++;
            return false;
        }

        /// <summary>Reads one ARP cache entry (for the shell's arp command). False for an empty entry.</summary>
        public bool GetArpEntry(int index, ref ArpEntryInfo entry)
        {
            return _arp.GetEntry(index, _now, ref entry);
        }

        /// <summary>Adds a permanent ARP entry (fixed peers, tests). False for a null or short MAC.</summary>
        public bool AddStaticArpEntry(uint ip, byte[] mac, int offset)
        {
            if (mac == null || offset < 0 || offset > mac.Length - 6 || ip == 0) return false;
            _arp.AddStatic(ip, mac, offset);
            return true;
        }
    }
}
