#!/usr/bin/env python3
"""Size simulation for the sharded search index (issue 18, point 5; see
docs/search.md). Reads a course's Markdown (an approximation of the rendered
text) and prints the gzip sizes of posting shards under two sharding schemes
and of per-page text fragments.

    cargo run --release --example gen_corpus -- 1000 /tmp/gen1000
    PYTHONHASHSEED=1 python3 scripts/search_shards_sim.py /tmp/gen1000
"""
import os,re,gzip,zlib,collections,random,sys
root=sys.argv[1]
pages=[]
for dp,_,fs in sorted(os.walk(root+'/content')):
    for f in sorted(fs):
        if f.endswith('.md'):
            pages.append(open(os.path.join(dp,f),encoding='utf-8').read())
N=len(pages)
def keys_of(t, chars=True):
    s=set()
    for run in re.findall(r'[\u4e00-\u9fff]+',t):
        for i,c in enumerate(run):
            if chars: s.add(c)
            if i+1<len(run): s.add(run[i:i+2])
    return s
def varint(n):
    out=bytearray()
    while True:
        b=n&0x7f; n>>=7
        out.append(b|(0x80 if n else 0))
        if not n: return bytes(out)
def gz(b): return len(gzip.compress(b,9))
text_gz=gz('\n'.join(pages).encode())
print(f'{N} pages; all text gzip {text_gz/1e6:.2f} MB')
for scheme in ['chars+bigrams by key hash','bigrams+chars by first char']:
    post=collections.defaultdict(list)
    for d,t in enumerate(pages):
        for k in keys_of(t): post[k].append(d)
    for S in [64,256]:
        shards=collections.defaultdict(bytearray)
        for k,ds in post.items():
            h=(hash(k[0]) if scheme.startswith('bigrams') else hash(k))%S
            enc=bytearray(k.encode()); prev=-1
            for d in ds: enc+=varint(d-prev); prev=d
            shards[h]+=enc+b'\n'
        sizes=[gz(bytes(v)) for v in shards.values()]
        print(f'{scheme}, {S} shards: total {sum(sizes)/1e6:.2f} MB gzip, shard avg {sum(sizes)/len(sizes)/1e3:.0f} KB, max {max(sizes)/1e3:.0f} KB')
frag=[gz(p.encode()) for p in pages]
print(f'per-page fragment avg {sum(frag)/N/1e3:.1f} KB gzip; 10 results {10*sum(frag)/N/1e3:.0f} KB')
