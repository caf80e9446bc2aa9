f() ( x=changed; echo $x )
x=orig; f; echo $x
