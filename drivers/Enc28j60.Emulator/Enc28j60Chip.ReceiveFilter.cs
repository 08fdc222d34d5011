namespace NanoTcp.Enc28j60.Emulation
{
    // ERXFCON receive filters (ENC28J60 facts §2.6, §11.3).
    public sealed partial class Enc28j60Chip
    {
        private bool PassesFilters(byte[] frame, int byteCount, bool crcOk)
        {
            byte control = _regs[Reg.ERXFCON];
            if (control == 0)
            {
                return true; // promiscuous, bad CRC included
            }

            if ((control & Bits.ERXFCON_CRCEN) != 0 && !crcOk)
            {
                return false;
            }

            byte enabled = (byte)(control & ~(Bits.ERXFCON_ANDOR | Bits.ERXFCON_CRCEN));
            if (enabled == 0)
            {
                return true;
            }

            bool and = (control & Bits.ERXFCON_ANDOR) != 0;
            bool any = false, all = true;
            for (int bit = 0; bit < 8; bit++)
            {
                byte filter = (byte)(1 << bit);
                if ((enabled & filter) == 0)
                {
                    continue;
                }

                bool match = FilterMatches(filter, frame, byteCount);
                any |= match;
                all &= match;
            }

            return and ? all : any;
        }

        private bool FilterMatches(byte filter, byte[] frame, int byteCount)
        {
            switch (filter)
            {
                case Bits.ERXFCON_UCEN:
                    return IsOwnAddress(frame, 0);
                case Bits.ERXFCON_BCEN:
                    return IsBroadcast(frame);
                case Bits.ERXFCON_MCEN:
                    return (frame[0] & 1) != 0;
                case Bits.ERXFCON_HTEN:
                    return HashMatches(frame);
                case Bits.ERXFCON_PMEN:
                    return PatternMatches(frame, byteCount)
                        || (_options.Erratum18PatternMatchLetsExtraFramesThrough && Chance(_options.Erratum18ExtraFrameProbability));
                case Bits.ERXFCON_MPEN:
                    return IsMagicPacket(frame, byteCount);
                default:
                    return false;
            }
        }

        /// <summary>MAADR in wire order: bank-3 0x04, 0x05, 0x02, 0x03, 0x00, 0x01 (§2.4).</summary>
        private bool IsOwnAddress(byte[] frame, int offset)
        {
            return frame[offset] == _regs[Reg.MAADR1] && frame[offset + 1] == _regs[Reg.MAADR2]
                && frame[offset + 2] == _regs[Reg.MAADR3] && frame[offset + 3] == _regs[Reg.MAADR4]
                && frame[offset + 4] == _regs[Reg.MAADR5] && frame[offset + 5] == _regs[Reg.MAADR6];
        }

        private static bool IsBroadcast(byte[] frame)
        {
            for (int i = 0; i < 6; i++)
            {
                if (frame[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>CRC-32 of the destination address, bits 28:23 select one of the 64 EHT bits (§2.6). The CRC is
        /// the MSB-first shift register preset to all ones, data bits taken LSB first, not complemented — the form
        /// the CycloneTCP ENC28J60 driver programs its hash table with (the data sheet text was not available).</summary>
        private bool HashMatches(byte[] frame)
        {
            uint crc = 0xFFFFFFFFu;
            for (int i = 0; i < 6; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    bool feedback = (((crc >> 31) ^ (uint)(frame[i] >> bit)) & 1) != 0;
                    crc = feedback ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
                }
            }

            int index = (int)((crc >> 23) & 0x3F);
            return (_regs[Reg.EHT0 + (index >> 3)] & (1 << (index & 7))) != 0;
        }

        /// <summary>Bytes EPMO + i (i = 0…63, EPMM bit i set) summed as by the DMA checksum must equal EPMCS (§2.6).</summary>
        private bool PatternMatches(byte[] frame, int byteCount)
        {
            int offset = Pointer(Reg.EPMOL);
            var selected = new byte[64];
            int count = 0;
            for (int i = 0; i < 64; i++)
            {
                if ((_regs[Reg.EPMM0 + (i >> 3)] & (1 << (i & 7))) == 0)
                {
                    continue;
                }

                if (offset + i >= byteCount - 4)
                {
                    return false;
                }

                selected[count++] = frame[offset + i];
            }

            return InternetChecksum(selected, count) == ((_regs[Reg.EPMCSH] << 8) | _regs[Reg.EPMCSL]);
        }

        /// <summary>FF×6 followed by sixteen copies of MAADR anywhere after the header, sent to us or broadcast.</summary>
        private bool IsMagicPacket(byte[] frame, int byteCount)
        {
            if (!IsOwnAddress(frame, 0) && !IsBroadcast(frame))
            {
                return false;
            }

            int end = byteCount - 4;
            for (int start = 14; start + 102 <= end; start++)
            {
                if (IsMagicSequence(frame, start))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsMagicSequence(byte[] frame, int start)
        {
            for (int i = 0; i < 6; i++)
            {
                if (frame[start + i] != 0xFF)
                {
                    return false;
                }
            }

            for (int copy = 0; copy < 16; copy++)
            {
                if (!IsOwnAddress(frame, start + 6 + copy * 6))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One's-complement sum of big-endian 16-bit words (odd byte padded with 0), complemented (§8).</summary>
        private static int InternetChecksum(byte[] data, int count)
        {
            uint sum = 0;
            for (int i = 0; i < count; i++)
            {
                sum += (i & 1) == 0 ? (uint)(data[i] << 8) : data[i];
            }

            return FoldChecksum(sum);
        }

        /// <summary>End-around carry and complement of a one's-complement sum.</summary>
        private static int FoldChecksum(uint sum)
        {
            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (int)(~sum & 0xFFFF);
        }
    }
}
