( ( (echo deep) ) )
(echo a; (echo b; (echo c)))
