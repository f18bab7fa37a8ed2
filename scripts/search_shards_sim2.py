#!/usr/bin/env python3
"""Second size simulation for the sharded search index (docs/search.md):
posting lists that switch to a bitmap over all pages when that is smaller,
sharded by the key's first character, and the pages' text in buckets of 16.

    PYTHONHASHSEED=1 python3 scripts/search_shards_sim2.py /tmp/gen1000 [SHARDS]
"""
import os,re,gzip,collections,sys
root=sys.argv[1]
pages=[]
for dp,_,fs in sorted(os.walk(root+'/content')):
    for f in sorted(fs):
        if f.endswith('.md'): pages.append(open(os.path.join(dp,f),encoding='utf-8').read())
N=len(pages)
post=collections.defaultdict(list)
for d,t in enumerate(pages):
    s=set()
    for run in re.findall(r'[\u4e00-\u9fff]+',t):
        for i,c in enumerate(run):
            s.add(c)
            if i+1<len(run): s.add(run[i:i+2])
    for k in s: post[k].append(d)
def varint(n):
    out=bytearray()
    while True:
        b=n&0x7f; n>>=7; out.append(b|(0x80 if n else 0))
        if not n: return bytes(out)
def enc(ds):
    lst=bytearray(); prev=-1
    for d in ds: lst+=varint(d-prev); prev=d
    bm=bytearray((N+7)//8)
    for d in ds: bm[d>>3]|=1<<(d&7)
    return (b'L'+bytes(lst)) if len(lst)<=len(bm) else (b'B'+bytes(bm))
S=int(sys.argv[2]) if len(sys.argv)>2 else 64
shards=collections.defaultdict(bytearray)
for k,ds in post.items():
    shards[hash(k[0])%S]+=k.encode()+enc(ds)
sizes=[len(gzip.compress(bytes(v),9)) for v in shards.values()]
B=16
buckets=[len(gzip.compress('\n'.join(pages[i:i+B]).encode(),9)) for i in range(0,N,B)]
print(f'{N} pages: hybrid postings {sum(sizes)/1e6:.2f} MB gz over {S} shards (avg {sum(sizes)/len(sizes)/1e3:.0f} KB, max {max(sizes)/1e3:.0f} KB); text in buckets of {B}: {sum(buckets)/1e6:.2f} MB gz (avg {sum(buckets)/len(buckets)/1e3:.0f} KB); all text one file {len(gzip.compress(chr(10).join(pages).encode(),9))/1e6:.2f} MB')
