/*
 * elf_parse.c - defined exported functions of an ELF image (elf_parse.h).
 *
 * Every read goes through get() with a bounds check against the buffer;
 * offsets and sizes are 64-bit and compared by subtraction, never added
 * first, so a forged 0xffff... offset cannot wrap.  Loops are capped.
 */
#include <string.h>

#include "../core/err.h"
#include "elf_parse.h"

#define NAME_MAX_LEN 1024u   /* longer symbol names are skipped */
#define PH_MAX 4096u         /* program headers looked at */
#define SH_MAX 65536u        /* section headers looked at */
#define DYN_MAX 4096u        /* dynamic entries looked at */

struct elf {
	const uint8_t *b;
	uint64_t len;
	bool be, is64;
};

/* Does [off, off+n) lie inside the image? */
static bool
inside(const struct elf *e, uint64_t off, uint64_t n)
{
	return off <= e->len && n <= e->len - off;
}

static uint64_t
get(const struct elf *e, uint64_t off, unsigned n, bool *ok)
{
	uint64_t v = 0;

	if (!inside(e, off, n)) {
		*ok = false;
		return 0;
	}
	for (unsigned i = 0; i < n; i++) {
		unsigned k = e->be ? i : n - 1 - i;

		v = v << 8 | e->b[off + k];
	}
	return v;
}

/* A native word: 4 bytes in ELF32, 8 in ELF64. */
static uint64_t
word(const struct elf *e, uint64_t off, bool *ok)
{
	return get(e, off, e->is64 ? 8 : 4, ok);
}

/* The symbol table and its strings, as file ranges. */
struct symtab {
	uint64_t off, count, ent;
	uint64_t stroff, strsz;
};

static int
walk(const struct elf *e, const struct symtab *t, elf_sym_fn *cb, void *arg,
     struct elf_info *info)
{
	uint64_t min = e->is64 ? 24 : 16;
	uint64_t ent = t->ent >= min && t->ent <= 4096 ? t->ent : min;
	uint64_t count = t->count;

	if (count > ELF_SYMS_MAX) {
		count = ELF_SYMS_MAX;
		info->capped = true;
	}
	/* never more entries than the image holds */
	if (t->off > e->len)
		return RM_EPARSE;
	if (count > (e->len - t->off) / ent)
		count = (e->len - t->off) / ent;
	for (uint64_t i = 0; i < count; i++) {
		uint64_t s = t->off + i * ent, name, noff;
		unsigned type, bind, vis, shndx;
		const uint8_t *np, *nul;
		uint64_t room;
		bool ok = true;

		info->nsyms++;
		name = get(e, s, 4, &ok);
		if (e->is64) {
			unsigned char st_info = (unsigned char)get(e, s + 4, 1, &ok);

			type = st_info & 0xf;
			bind = st_info >> 4;
			vis = (unsigned)get(e, s + 5, 1, &ok) & 3;
			shndx = (unsigned)get(e, s + 6, 2, &ok);
		} else {
			unsigned char st_info = (unsigned char)get(e, s + 12, 1,
			    &ok);

			type = st_info & 0xf;
			bind = st_info >> 4;
			vis = (unsigned)get(e, s + 13, 1, &ok) & 3;
			shndx = (unsigned)get(e, s + 14, 2, &ok);
		}
		if (!ok)
			break;
		/* STT_FUNC 2, STT_GNU_IFUNC 10; STB_GLOBAL 1, STB_WEAK 2;
		 * STV_DEFAULT 0, STV_PROTECTED 3; SHN_UNDEF 0 */
		if ((type != 2 && type != 10) || (bind != 1 && bind != 2) ||
		    (vis != 0 && vis != 3) || shndx == 0)
			continue;
		if (name == 0 || name >= t->strsz)
			continue;
		noff = t->stroff + name;
		if (!inside(e, noff, 1))
			continue;
		room = t->strsz - name;
		if (room > e->len - noff)
			room = e->len - noff;
		if (room > NAME_MAX_LEN)
			room = NAME_MAX_LEN;
		np = e->b + noff;
		nul = memchr(np, '\0', (size_t)room);
		if (nul == NULL || nul == np)
			continue;
		info->nfuncs++;
		if (cb && cb((const char *)np, arg))
			break;
	}
	return RM_OK;
}

/* The dynamic symbol table through the section headers. */
static bool
from_sections(const struct elf *e, uint64_t shoff, uint64_t shentsize,
	      uint64_t shnum, struct symtab *t)
{
	uint64_t need = e->is64 ? 64 : 40;
	bool ok = true;

	if (shoff == 0 || shentsize < need || shentsize > 4096)
		return false;
	if (shnum == 0)  /* >= SHN_LORESERVE: the count is in sh[0].sh_size */
		shnum = get(e, shoff + (e->is64 ? 32 : 20), e->is64 ? 8 : 4,
		    &ok);
	if (!ok || shnum == 0)
		return false;
	if (shnum > SH_MAX)
		shnum = SH_MAX;
	for (uint64_t i = 0; i < shnum; i++) {
		uint64_t h = shoff + i * shentsize, link, l;
		uint64_t type;

		if (!inside(e, h, need))
			return false;
		type = get(e, h + 4, 4, &ok);
		if (type != 11 /* SHT_DYNSYM */)
			continue;
		if (e->is64) {
			t->off = get(e, h + 24, 8, &ok);
			t->count = get(e, h + 32, 8, &ok);
			link = get(e, h + 40, 4, &ok);
			t->ent = get(e, h + 56, 8, &ok);
		} else {
			t->off = get(e, h + 16, 4, &ok);
			t->count = get(e, h + 20, 4, &ok);
			link = get(e, h + 24, 4, &ok);
			t->ent = get(e, h + 36, 4, &ok);
		}
		if (!ok || link == 0 || link >= shnum)
			continue;
		if (t->ent < (e->is64 ? 24u : 16u) || t->ent > 4096)
			t->ent = e->is64 ? 24 : 16;
		t->count /= t->ent;  /* sh_size -> entries */
		l = shoff + link * shentsize;
		if (!inside(e, l, need))
			continue;
		if (e->is64) {
			t->stroff = get(e, l + 24, 8, &ok);
			t->strsz = get(e, l + 32, 8, &ok);
		} else {
			t->stroff = get(e, l + 16, 4, &ok);
			t->strsz = get(e, l + 20, 4, &ok);
		}
		if (!ok || !inside(e, t->stroff, 0))
			continue;
		if (t->strsz > e->len - t->stroff)
			t->strsz = e->len - t->stroff;
		return t->count > 0 && t->strsz > 0;
	}
	return false;
}

/* A virtual address to a file offset through the PT_LOAD segments. */
static bool
vaddr_off(const struct elf *e, uint64_t phoff, uint64_t phentsize,
	  uint64_t phnum, uint64_t va, uint64_t *out)
{
	bool ok = true;

	for (uint64_t i = 0; i < phnum; i++) {
		uint64_t h = phoff + i * phentsize, off, vaddr, filesz;

		if (get(e, h, 4, &ok) != 1 /* PT_LOAD */ || !ok) {
			if (!ok)
				return false;
			continue;
		}
		if (e->is64) {
			off = get(e, h + 8, 8, &ok);
			vaddr = get(e, h + 16, 8, &ok);
			filesz = get(e, h + 32, 8, &ok);
		} else {
			off = get(e, h + 4, 4, &ok);
			vaddr = get(e, h + 8, 4, &ok);
			filesz = get(e, h + 16, 4, &ok);
		}
		if (!ok)
			return false;
		if (va >= vaddr && va - vaddr < filesz) {
			*out = off + (va - vaddr);
			return *out >= off && inside(e, *out, 0);
		}
	}
	return false;
}

/* The number of symbols from DT_GNU_HASH at file offset h. */
static uint64_t
gnu_hash_count(const struct elf *e, uint64_t h)
{
	bool ok = true;
	uint64_t nbuckets = get(e, h, 4, &ok);
	uint64_t symoffset = get(e, h + 4, 4, &ok);
	uint64_t bloom = get(e, h + 8, 4, &ok);
	uint64_t buckets, chain, max = 0;

	if (!ok || nbuckets > ELF_SYMS_MAX || bloom > ELF_SYMS_MAX)
		return 0;
	buckets = h + 16 + bloom * (e->is64 ? 8 : 4);
	if (!inside(e, buckets, nbuckets * 4))
		return 0;
	for (uint64_t i = 0; i < nbuckets; i++) {
		uint64_t b = get(e, buckets + i * 4, 4, &ok);

		if (b > max)
			max = b;
	}
	if (max < symoffset)
		return symoffset;
	chain = buckets + nbuckets * 4;
	for (uint64_t n = 0; n < ELF_SYMS_MAX; n++, max++) {
		uint64_t c = get(e, chain + (max - symoffset) * 4, 4, &ok);

		if (!ok)
			return max;
		if (c & 1)
			return max + 1;
	}
	return max;
}

/* The dynamic symbol table through PT_DYNAMIC (sections stripped). */
static bool
from_dynamic(const struct elf *e, uint64_t phoff, uint64_t phentsize,
	     uint64_t phnum, struct symtab *t)
{
	uint64_t need = e->is64 ? 56 : 32, dynoff = 0, dynsz = 0;
	uint64_t symtab = 0, strtab = 0, strsz = 0, syment = 0, hash = 0;
	uint64_t gnuhash = 0, dsz = e->is64 ? 16 : 8, off;
	bool ok = true, have = false;

	if (phoff == 0 || phentsize < need || phentsize > 4096)
		return false;
	if (phnum > PH_MAX)
		phnum = PH_MAX;
	for (uint64_t i = 0; i < phnum && !have; i++) {
		uint64_t h = phoff + i * phentsize;

		if (!inside(e, h, need))
			return false;
		if (get(e, h, 4, &ok) != 2 /* PT_DYNAMIC */)
			continue;
		dynoff = get(e, h + (e->is64 ? 8 : 4), e->is64 ? 8 : 4, &ok);
		dynsz = get(e, h + (e->is64 ? 32 : 16), e->is64 ? 8 : 4, &ok);
		have = ok;
	}
	if (!have || !inside(e, dynoff, 0))
		return false;
	if (dynsz > e->len - dynoff)
		dynsz = e->len - dynoff;
	for (uint64_t i = 0; i < DYN_MAX && (i + 1) * dsz <= dynsz; i++) {
		uint64_t tag = word(e, dynoff + i * dsz, &ok);
		uint64_t val = word(e, dynoff + i * dsz + dsz / 2, &ok);

		if (!ok || tag == 0 /* DT_NULL */)
			break;
		switch (tag) {
		case 4: hash = val; break;          /* DT_HASH */
		case 5: strtab = val; break;        /* DT_STRTAB */
		case 6: symtab = val; break;        /* DT_SYMTAB */
		case 10: strsz = val; break;        /* DT_STRSZ */
		case 11: syment = val; break;       /* DT_SYMENT */
		case 0x6ffffef5: gnuhash = val; break;  /* DT_GNU_HASH */
		default: break;
		}
	}
	if (symtab == 0 || strtab == 0 ||
	    !vaddr_off(e, phoff, phentsize, phnum, symtab, &t->off) ||
	    !vaddr_off(e, phoff, phentsize, phnum, strtab, &t->stroff))
		return false;
	t->ent = syment >= (e->is64 ? 24u : 16u) && syment <= 4096 ? syment
	    : (e->is64 ? 24 : 16);
	t->strsz = strsz ? strsz : e->len - t->stroff;
	if (t->strsz > e->len - t->stroff)
		t->strsz = e->len - t->stroff;
	t->count = 0;
	if (hash && vaddr_off(e, phoff, phentsize, phnum, hash, &off))
		t->count = get(e, off + 4, 4, &ok);  /* nchain */
	if (t->count == 0 && gnuhash &&
	    vaddr_off(e, phoff, phentsize, phnum, gnuhash, &off))
		t->count = gnu_hash_count(e, off);
	if (t->count == 0 && t->stroff > t->off)  /* the usual layout */
		t->count = (t->stroff - t->off) / t->ent;
	return t->count > 0;
}

int
elf_dynsyms(const uint8_t *buf, size_t len, elf_sym_fn *cb, void *arg,
	    struct elf_info *info)
{
	struct elf e = { .b = buf, .len = len };
	struct symtab t;
	uint64_t phoff, shoff, phentsize, phnum, shentsize, shnum;
	bool ok = true;

	memset(info, 0, sizeof(*info));
	if (len < 52 || memcmp(buf, "\177ELF", 4) != 0)
		return RM_EPARSE;
	if ((buf[4] != 1 && buf[4] != 2) || (buf[5] != 1 && buf[5] != 2))
		return RM_EPARSE;
	e.is64 = buf[4] == 2;
	e.be = buf[5] == 2;
	if (e.is64 && len < 64)
		return RM_EPARSE;
	info->bits = e.is64 ? 64 : 32;
	info->big_endian = e.be;
	info->type = (uint16_t)get(&e, 16, 2, &ok);
	info->machine = (uint16_t)get(&e, 18, 2, &ok);
	if (e.is64) {
		phoff = get(&e, 32, 8, &ok);
		shoff = get(&e, 40, 8, &ok);
		phentsize = get(&e, 54, 2, &ok);
		phnum = get(&e, 56, 2, &ok);
		shentsize = get(&e, 58, 2, &ok);
		shnum = get(&e, 60, 2, &ok);
	} else {
		phoff = get(&e, 28, 4, &ok);
		shoff = get(&e, 32, 4, &ok);
		phentsize = get(&e, 42, 2, &ok);
		phnum = get(&e, 44, 2, &ok);
		shentsize = get(&e, 46, 2, &ok);
		shnum = get(&e, 48, 2, &ok);
	}
	if (!ok)
		return RM_EPARSE;
	memset(&t, 0, sizeof(t));
	if (from_sections(&e, shoff, shentsize, shnum, &t)) {
		info->source = ELF_SRC_SECTIONS;
		return walk(&e, &t, cb, arg, info);
	}
	memset(&t, 0, sizeof(t));
	if (from_dynamic(&e, phoff, phentsize, phnum, &t)) {
		info->source = ELF_SRC_DYNAMIC;
		return walk(&e, &t, cb, arg, info);
	}
	return RM_EPARSE;
}
