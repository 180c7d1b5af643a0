// The packed GEMM's NEON path on every edge shape, NN and NT, with and without accumulate,
// against the fused multiply-add chain it promises (exact equality). The x86-64 paths are
// checked by `swift test --filter GEMMTests`; this one needs an arm64 machine, or qemu:
//   tools/kernels/neon_check.sh
#include "CKernels.h"
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
static float rnd(void){ return (float)rand() / 1073741824.0f - 1.0f; }
int main(void){
  long shapes[][3]={{1,1,1},{1,17,3},{5,1,9},{7,33,2},{8,12,8},{9,13,5},{25,49,17},{8,24,257},{37,70,300},{3,5,600},{150,1100,20}};
  int bad=0, runs=0;
  for(unsigned s=0;s<sizeof shapes/sizeof shapes[0];s++) for(int t=0;t<2;t++) for(int acc=0;acc<2;acc++){
    long m=shapes[s][0],n=shapes[s][1],k=shapes[s][2], lda=k+3, ldb=(t?k:n)+5, ldc=n+2;
    float*a=malloc(sizeof(float)*m*lda),*b=malloc(sizeof(float)*(t?n:k)*ldb),*c=malloc(sizeof(float)*m*ldc),*e=malloc(sizeof(float)*m*ldc);
    for(long i=0;i<m*lda;i++)a[i]=rnd(); for(long i=0;i<(t?n:k)*ldb;i++)b[i]=rnd(); for(long i=0;i<m*ldc;i++)e[i]=c[i]=rnd();
    for(long i=0;i<m;i++)for(long j=0;j<n;j++){float x=0; for(long p=0;p<k;p++)x=fmaf(a[i*lda+p],t?b[j*ldb+p]:b[p*ldb+j],x); e[i*ldc+j]=acc?e[i*ldc+j]+x:x;}
    nv_sgemm(NV_ISA_NEON,m,n,k,a,lda,1,b,t?1:ldb,t?ldb:1,c,ldc,acc);
    runs++; if(memcmp(c,e,sizeof(float)*m*ldc)){bad++; printf("MISMATCH m%ld n%ld k%ld t%d acc%d\n",m,n,k,t,acc);}
    free(a);free(b);free(c);free(e);
  }
  printf("neon available %d best %d: %d of %d cases exact\n", nv_isa_available(NV_ISA_NEON), nv_best_isa(), runs-bad, runs);
  return bad!=0;
}
